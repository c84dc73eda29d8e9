"""The one place where engine errors become HTTP answers: JSON under /api, pages elsewhere.

A JSON error body is `{"error": sentence, "code": machine code, "type": exception class}` (plus
`field_errors` or `problems`). The code is the error class in snake case (`not_found`, `stale_state_error`);
an engine error adds its message code and parameters (`message_code`: "task.not_open", `params`), by which
pages say the sentence in the reader's language (webui/messages.py)."""

from __future__ import annotations

import logging
import re

from flask import Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from engine import (
    ConflictError,
    FormValidationError,
    NotFound,
    PalvelupolkuError,
    PermissionDenied,
    ProcessError,
    TooManyAttempts,
    ValidationError,
)
from webui.messages import error_text

log = logging.getLogger(__name__)

STATUS: list[tuple[type[PalvelupolkuError], int]] = [
    (TooManyAttempts, 429),
    (NotFound, 404),
    (PermissionDenied, 403),
    (ConflictError, 409),
    (ValidationError, 422),
    (ProcessError, 409),
    (PalvelupolkuError, 400),
]


# Werkzeug's own descriptions are English: the pages say these instead.
HTTP_TEXTS = {
    400: _l("The request was not understood; go back and try again."),
    403: _l("You may not see this page."),
    404: _l("The page does not exist; check the address or go back to the start page."),
    405: _l("This page cannot be used that way; go back and try again."),
    413: _l("The upload is too large; BPMN files may be at most 10 MB."),
    429: _l("Too many requests in a short time; wait a moment and try again."),
    500: _l("An unexpected error occurred; it has been logged."),
}


def status_of(exc: PalvelupolkuError) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def error_code(exc: BaseException) -> str:
    """The machine code of an error in a JSON body; see the module docstring."""
    own = getattr(exc, "code", None)
    if isinstance(own, str) and own and not isinstance(exc, PalvelupolkuError):
        return own      # an engine error's own code is its message code (`message_code`), not this one
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def api_error(status: int, code: str, message: str) -> tuple[Response, int]:
    """An error the web layer finds itself (no token, wrong role), in the same shape as the engine's."""
    return jsonify({"error": message, "code": code, "type": code.replace("_", " ").title().replace(" ", "")}), status


def _wants_json() -> bool:
    """The API, and the pages' own fetch() calls (they ask for JSON in the Accept header)."""
    return (request.path.startswith("/api/") or request.path == "/health"
            or request.accept_mimetypes.best == "application/json")


def _page(status: int, message: str) -> ResponseReturnValue:
    return render_template("errors/error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(PalvelupolkuError)
    def engine_error(exc: PalvelupolkuError) -> ResponseReturnValue:
        if not _wants_json():
            return _page(status_of(exc), error_text(exc))
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        # The API's sentence stays English; `message_code` and `params` let a client say it its own way.
        body: dict[str, object] = {"error": message, "code": error_code(exc), "type": type(exc).__name__,
                                   "message_code": exc.code, "params": exc.params}
        if isinstance(exc, FormValidationError):
            body["field_errors"] = exc.field_errors
        elif isinstance(exc, ValidationError) and exc.problems:
            body["problems"] = [str(p) for p in exc.problems]
        return jsonify(body), status_of(exc)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> ResponseReturnValue:
        message = "The form was too old or not sent by this site; reload the page and try again."
        if _wants_json():
            return jsonify({"error": message, "code": "csrf_error", "type": "CSRFError"}), 400
        return _page(400, _("The form was too old or not sent by this site; reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        if exc.code == 413:
            exc.description = "The upload is too large; BPMN files may be at most 10 MB."
        if _wants_json():
            code = re.sub(r"\W+", "_", exc.name.lower()).strip("_")
            return jsonify({"error": exc.description, "code": code, "type": exc.name}), exc.code or 500
        return _page(exc.code or 500, str(HTTP_TEXTS.get(exc.code or 500, exc.description or exc.name)))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unexpected error")
        message = "An unexpected error occurred; it has been logged."
        if _wants_json():
            return jsonify({"error": message, "code": "internal_error", "type": "InternalError"}), 500
        return _page(500, _("An unexpected error occurred; it has been logged."))
