"""Every error Tidings raises, in one place, each with the exit code the CLI uses.

Bad input is terminal (retrying will not help); a transient fault (a lock, a timeout) may be
retried by a batch runner. Each message names the input or the stage it concerns.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base of all Tidings errors."""

    exit_code = 1
    transient = False


class InputError(TidingsError):
    """The input cannot be analysed: empty, binary, not UTF-8, too large, unreadable."""

    exit_code = 3

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelNotFoundError(TidingsError):
    """The spaCy pipeline asked for is not installed."""

    exit_code = 4


class StageError(TidingsError):
    """A pipeline stage failed on one article."""

    exit_code = 5

    def __init__(self, stage: str, article: str, cause: BaseException) -> None:
        self.stage = stage
        self.article = article
        self.cause = cause
        super().__init__(f"stage {stage!r} failed on article {article}: {cause!r}")


class PipelineOrderError(TidingsError):
    """A stage needs something no earlier stage assigns."""

    exit_code = 5


class StoreError(TidingsError):
    """The store could not be opened or written."""

    exit_code = 6


class GoldFormatError(TidingsError):
    """A gold file is not valid ``tidings-gold/1``."""

    exit_code = 3


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected internal error",
    2: "bad command-line usage",
    3: "bad input (empty, binary, not UTF-8, too large, malformed gold file)",
    4: "spaCy model not installed",
    5: "a pipeline stage failed",
    6: "the store could not be opened or written",
    7: "evaluation: a layer fell below its floor",
    8: "batch interrupted (Ctrl-C or SIGTERM): its summary is printed, a rerun resumes",
}
