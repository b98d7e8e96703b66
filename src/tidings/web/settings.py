"""What a deployment of the web app may change: the write token, who may read, the limits.

Defaults are the safe ones: writes need a token, reads are served to loopback clients only,
CORS is off, URLs given to ``POST /api/analyze`` may not point at private addresses.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from tidings.pipeline import MAX_CHARS

MAX_BODY_BYTES = 4 * MAX_CHARS
"""A request body larger than this is refused (413) before it is parsed."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class WebSettings:
    """Settings of one app; `from_env` reads them from ``TIDINGS_*`` variables."""

    token: str | None = None
    open_reads: bool = False
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    allow_private_urls: bool = False
    model: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> WebSettings:
        """``TIDINGS_TOKEN``, ``TIDINGS_OPEN_READS``, ``TIDINGS_CORS_ORIGINS`` (comma list)."""
        env = os.environ if env is None else env
        origins = tuple(o.strip() for o in env.get("TIDINGS_CORS_ORIGINS", "").split(",") if o)
        values: dict[str, object] = {
            "token": env.get("TIDINGS_TOKEN") or None,
            "open_reads": _flag(env.get("TIDINGS_OPEN_READS")),
            "cors_origins": origins,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
