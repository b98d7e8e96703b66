"""`deferred()` holds Ctrl-C/SIGTERM until its block ends (real signals sent to this process)."""

from __future__ import annotations

import os
import signal

import pytest

from tidings.interrupts import deferred


def test_sigint_inside_the_block_is_raised_after_it() -> None:
    # A process started in the background inherits SIGINT ignored: install Python's own handler.
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    steps: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with deferred():
                os.kill(os.getpid(), signal.SIGINT)
                steps.append("saved")
                steps.append("counted")
        assert steps == ["saved", "counted"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, old)


def test_an_ignored_signal_stays_ignored() -> None:
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with deferred():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN  # restored, nothing raised
    finally:
        signal.signal(signal.SIGINT, old)


def test_sigterm_goes_to_the_callers_handler_after_the_block() -> None:
    seen: list[int] = []
    old = signal.signal(signal.SIGTERM, lambda num, _frame: seen.append(num))
    try:
        with deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            assert seen == []  # held while the block runs
        assert seen == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, old)


def test_a_block_without_signals_changes_nothing() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with deferred():
        pass
    assert signal.getsignal(signal.SIGTERM) is before
