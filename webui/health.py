from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from webui.extensions import engine_of

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> ResponseReturnValue:
    status = engine_of(current_app).health()
    ok = status["database"] == "ok"
    return jsonify({"status": "ok" if ok else "degraded", **status}), 200 if ok else 503
