"""Who may do what, and how much they may send: bearer token, loopback reads, body size.

Both middlewares are plain ASGI so they act before FastAPI parses anything: a remote reader is
turned away and an oversized body refused without being read into memory.
"""

from __future__ import annotations

import hmac
import ipaddress
import json

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.web.settings import WebSettings


def error_body(status: int, message: str) -> bytes:
    return json.dumps({"status": status, "message": message}).encode("utf-8")


async def _send_error(send: Send, status: int, message: str) -> None:
    body = error_body(status, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def token_ok(settings: WebSettings, header: str | None) -> bool:
    """Whether an ``Authorization`` header carries the configured token (constant time)."""
    if not settings.token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), settings.token.encode())


def require_token(request: Request) -> None:
    """A dependency of every write: 401 without a token, 403 with a wrong one."""
    settings: WebSettings = request.app.state.settings
    header = request.headers.get("authorization")
    if not settings.token:
        raise HTTPException(403, "writes are disabled: start the server with TIDINGS_TOKEN set")
    if not header:
        raise HTTPException(401, "this request needs 'Authorization: Bearer <TIDINGS_TOKEN>'")
    if not token_ok(settings, header):
        raise HTTPException(403, "the bearer token is wrong")


def is_loopback(host: str | None) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address((host or "").split("%")[0]).is_loopback
    except ValueError:
        return False


class ReadGuard:
    """Only loopback clients, or clients with the token, unless reads are opened."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.settings.open_reads:
            client = scope.get("client")
            headers = dict(scope.get("headers") or [])
            auth = headers.get(b"authorization", b"").decode("latin-1") or None
            if not is_loopback(client[0] if client else None) and not token_ok(self.settings, auth):
                msg = "reads are served to loopback clients only (set TIDINGS_OPEN_READS=1)"
                await _send_error(send, 403, msg)
                return
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse (413) a body above `limit` bytes: by its Content-Length, or as it streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is larger than {self.limit:,} bytes"
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await _send_error(send, 413, message)
            return
        seen, refused = 0, False

        async def counted() -> Message:
            nonlocal seen, refused
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.limit:
                refused = True
                raise _TooLarge
            return msg

        async def watched(msg: Message) -> None:
            # once the body ran over, whatever the app answers (its parse error) becomes the 413
            nonlocal refused
            if not refused:
                await send(msg)
            elif msg["type"] == "http.response.start":
                await _send_error(send, 413, message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            await _send_error(send, 413, message)


SECURITY_HEADERS = [
    # scripts only from this server (the vendored ones); no inline script can run even if some
    # article text slipped through unescaped
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = list(msg.get("headers", [])) + SECURITY_HEADERS
            await send(msg)

        await self.app(scope, receive, with_headers)
