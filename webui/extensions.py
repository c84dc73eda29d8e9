"""What the blueprints share with the app factory: the engine the app was made with.

Its own module, so that `webui/__init__.py` (which imports every blueprint) is imported by none of them."""

from __future__ import annotations

from flask import Flask

from engine import Engine


def engine_of(app: Flask) -> Engine:
    eng: Engine = app.extensions["palvelupolku"]
    return eng
