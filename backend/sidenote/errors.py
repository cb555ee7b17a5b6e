"""One base exception, a few meaningful subclasses.

Each carries the HTTP status and the snake_case code of the API contract, and
a message that tells a person what to do about it.
"""

from __future__ import annotations


class SidenoteError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(SidenoteError):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, code: str = "bad_request") -> None:
        super().__init__(message)
        self.code = code


class PayloadTooLarge(SidenoteError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(SidenoteError):
    status = 415
    code = "unsupported_media_type"


class RateLimited(SidenoteError):
    status = 429
    code = "rate_limited"


class StageError(SidenoteError):
    """A pipeline stage failed. Names the stage so the fix can be found."""

    status = 500
    code = "stage_failed"

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(
            f"The '{stage}' stage failed ({type(cause).__name__}). "
            "This is a bug in Sidenote; please report the page that caused it."
        )
        self.stage = stage
        self.cause = cause


class DeadlineReached(SidenoteError):
    """The request's analysis ran out of time (pipeline/budget.py). The
    pipeline catches it and answers with what the finished stages found; it
    reaches a client only if raised outside a stage."""

    status = 503
    code = "deadline_reached"

    def __init__(self) -> None:
        super().__init__("The analysis ran out of time. Try again in a moment.")


class Unavailable(SidenoteError):
    """The worker is being stopped mid-request (gunicorn's timeout or a
    shutdown): the client gets this instead of an HTML error page."""

    status = 503
    code = "unavailable"
