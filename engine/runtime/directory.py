"""People as the organisation's directory describes them: OpenID Connect claims made into a user.

At every sign-in through the identity provider the user is found by the provider's subject (`sub`),
or created, and their name, e-mail, roles and groups are replaced by what the claims say now: a person
taken out of a directory group loses the role at their next sign-in. Directory groups become roles and
candidate groups through the configured map (engine.config.parse_role_map); groups the map does not
name give nothing. A deactivated user stays out whatever the directory says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import PermissionDenied, ValidationError
from ..models import AuditKind, User
from . import audit, users

GROUP_PREFIX = "group:"


@dataclass(frozen=True)
class Identity:
    subject: str
    username: str
    display_name: str
    email: str
    roles: tuple[str, ...]
    groups: tuple[str, ...]


def identity(claims: Mapping[str, Any], groups_claim: str, role_map: Mapping[str, tuple[str, ...]]) -> Identity:
    """The user the claims describe: username from preferred_username (else sub), roles and candidate
    groups from the directory groups in `groups_claim` through `role_map`."""
    subject = str(claims.get("sub") or "").strip()
    if not subject:
        raise ValidationError("The identity provider sent no subject ('sub' claim); the sign-in cannot be used.",
                              code="directory.no_subject")
    name = str(claims.get("preferred_username") or subject).strip().lower()
    username = re.sub(r"[^a-z0-9._-]", "_", name.split("@")[0] if "@" in name else name)[:80]
    if not users.USERNAME.match(username):
        raise ValidationError(f"The identity provider's user name '{name}' cannot be made a username here.",
                              code="directory.bad_name", params={"user": name[:80]})
    directory_groups = claims.get(groups_claim) or []
    if isinstance(directory_groups, str):
        directory_groups = [directory_groups]
    roles: set[str] = set()
    groups: set[str] = set()
    for group in directory_groups:
        for target in role_map.get(str(group), ()):
            if target.startswith(GROUP_PREFIX):
                groups.add(target[len(GROUP_PREFIX):])
            else:
                roles.add(target)
    return Identity(subject, username, str(claims.get("name") or "").strip()[:200],
                    str(claims.get("email") or "").strip()[:200], tuple(sorted(roles)), tuple(sorted(groups)))


def sign_in(session: Session, now: datetime, who: Identity) -> User:
    """The user for a directory sign-in, created or updated from the claims (audited when created,
    linked or when roles change); PermissionDenied for a deactivated user."""
    users.check_roles(who.roles)
    user = session.scalars(select(User).where(User.oidc_subject == who.subject)).first()
    if user is None:
        user = _link_or_create(session, now, who)
    if not user.active:
        raise PermissionDenied(f"User '{user.username}' is deactivated; ask an administrator to reactivate them.",
                               code="directory.deactivated", params={"user": user.username})
    user.display_name = who.display_name or user.display_name
    user.email = who.email or user.email
    before = {"roles": user.role_names, "groups": user.group_names}
    if users.replace_roles(user, who.roles, who.groups):
        session.flush()
        audit.record(session, now, user.username, AuditKind.USER_ROLES,
                     message=f"Roles of {user.username} from the directory: {', '.join(user.role_names) or '-'}; "
                             f"groups: {', '.join(user.group_names) or '-'}.",
                     data={"user": user.username, "before": before, "roles": user.role_names,
                           "groups": user.group_names, "source": "oidc"})
    return user


def _link_or_create(session: Session, now: datetime, who: Identity) -> User:
    """A user by the username when they have no subject yet (an account made before sign-in through the
    provider was switched on), else a new user without a local password."""
    user = session.scalars(select(User).where(User.username == who.username)).first()
    if user is not None and user.oidc_subject is not None:
        raise ValidationError(f"Username '{who.username}' already belongs to another directory account; "
                              "an administrator must rename one of them.", code="directory.taken",
                              params={"user": who.username})
    if user is None:
        user = users.add_user(session, now, who.username, display_name=who.display_name, email=who.email,
                              actor=who.username)
    user.oidc_subject = who.subject
    audit.record(session, now, user.username, AuditKind.USER_DIRECTORY,
                 message=f"{user.username} signs in through the identity provider (subject {who.subject}).",
                 data={"user": user.username, "subject": who.subject})
    return user
