"""Post/redirect/get for forms sent back with errors: the entered values and the errors are kept in the
session and the browser is redirected (303) to the form's GET page, which shows them once. Back and
Reload then never ask to send the form again, even without JavaScript.

The session is Flask's signed cookie (webui.security), so what is kept must stay small: a form whose
values would make the cookie too large (a long free text) is answered on the POST as before (422),
where the page's script replaces the history entry. Passwords are never kept."""

from __future__ import annotations

import json
from typing import Any

from flask import redirect, session
from werkzeug.wrappers import Response

KEY = "form_return"
MAX_BYTES = 2500   # of JSON; the whole cookie must stay under the browsers' 4 KB


def keep(form: str, values: dict[str, Any], errors: dict[str, str]) -> bool:
    """Keep a form's values and errors for the next GET of `form` (a name the GET asks for); False when
    they are too large for the session."""
    payload = {"form": form, "values": values, "errors": errors}
    if len(json.dumps(payload, ensure_ascii=False).encode()) > MAX_BYTES:
        return False
    session[KEY] = payload
    return True


def take(form: str) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The values and errors kept for `form`, removed from the session (shown once); None if none."""
    payload = session.get(KEY)
    if not isinstance(payload, dict) or payload.get("form") != form:
        return None
    session.pop(KEY, None)
    return payload["values"], payload["errors"]


def see_other(form: str, values: dict[str, Any], errors: dict[str, str], location: str) -> Response | None:
    """A 303 to `location` with the form kept for it, or None when it is too large to keep."""
    if not keep(form, values, errors):
        return None
    return redirect(location, code=303)
