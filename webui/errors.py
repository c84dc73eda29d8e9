"""The one place where engine errors become HTTP answers."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from engine import (
    ConflictError,
    FormValidationError,
    NotFound,
    PalvelupolkuError,
    PermissionDenied,
    ProcessError,
    ValidationError,
)

log = logging.getLogger(__name__)

STATUS: list[tuple[type[PalvelupolkuError], int]] = [
    (NotFound, 404),
    (PermissionDenied, 403),
    (ConflictError, 409),
    (ValidationError, 422),
    (ProcessError, 409),
    (PalvelupolkuError, 400),
]


def status_of(exc: PalvelupolkuError) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def register(app: Flask) -> None:
    @app.errorhandler(PalvelupolkuError)
    def engine_error(exc: PalvelupolkuError) -> ResponseReturnValue:
        body: dict[str, object] = {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                                   "type": type(exc).__name__}
        if isinstance(exc, FormValidationError):
            body["field_errors"] = exc.field_errors
        elif isinstance(exc, ValidationError) and exc.problems:
            body["problems"] = [str(p) for p in exc.problems]
        return jsonify(body), status_of(exc)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        return jsonify({"error": exc.description, "type": exc.name}), exc.code or 500

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unexpected error")
        return jsonify({"error": "An unexpected error occurred; it has been logged.", "type": "InternalError"}), 500
