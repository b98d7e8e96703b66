"""Defer Ctrl-C and SIGTERM while one article is saved and counted.

A batch stops on KeyboardInterrupt (the CLI turns SIGTERM into one). Raised between a committed
save and the line that counts it, the interrupt would make the summary disagree with the store
(one article stored, not counted). `deferred()` holds such a signal until its block ends, then
raises it, so every article is either saved and counted or neither.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["deferred"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def deferred() -> Iterator[None]:
    """Run the block with SIGINT/SIGTERM held; a signal received meanwhile is raised after it.

    Outside the main thread (where handlers cannot be set) the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    old: dict[int, Any] = {}
    for sig in _SIGNALS:
        if signal.getsignal(sig) is not None:  # None: a handler set outside Python, left alone
            old[sig] = signal.signal(sig, lambda num, _frame: caught.append(num))
    try:
        yield
    finally:
        for num, handler in old.items():
            signal.signal(num, handler)
    if caught:
        signal.raise_signal(caught[0])  # delivered again, now to the caller's own handler
