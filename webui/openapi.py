"""The OpenAPI 3.1 document of /api/v1, kept next to the views it describes."""

from __future__ import annotations

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}


def _answers(ok: dict[str, Any], *codes: int) -> dict[str, Any]:
    out: dict[str, Any] = {**ok}
    texts = {400: "Bad request", 401: "Missing or invalid token", 403: "Wrong role or not yours",
             404: "Not found", 409: "Conflict: changed meanwhile, already done, or a failed step",
             422: "Validation failed"}
    for code in codes:
        out[str(code)] = {"description": texts[code], "content": {"application/json": {"schema": ERROR}}}
    return out


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


MIGRATION_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["from", "to"], "properties": {
        "from": {"type": "integer", "minimum": 1, "description": "The version the instances run on"},
        "to": {"type": "integer", "minimum": 1, "description": "The version to move them to (newer or older)"},
        "where": {"type": "object", "description": "Only instances waiting at an element, of a customer "
                  "(Business ID) or of a responsible expert", "additionalProperties": False, "properties": {
                      "element": {"type": "string"}, "customer": {"type": "string"},
                      "responsible": {"type": "string"}}},
        "mapping": {"type": "object", "additionalProperties": {"type": "string"},
                    "description": "Old element id -> new element id (default: the same id)"}}}}}}
PROCESS_KEY = {"name": "process_key", "in": "path", "required": True, "schema": {"type": "string"}}
TASK_ID = {"name": "task_id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 36}}


def document() -> dict[str, Any]:
    task = {"$ref": "#/components/schemas/Task"}
    instance = {"$ref": "#/components/schemas/Instance"}
    secured = [{"bearer": []}]
    report = {"$ref": "#/components/schemas/MigrationReport"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Palvelupolku API", "version": "1",
                 "description": "Start service processes, work task inboxes and inspect instances."},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "string"}, "type": {"type": "string"},
                    "field_errors": {"type": "object", "additionalProperties": {"type": "string"}},
                    "problems": {"type": "array", "items": {"type": "string"}}}},
                "Task": {"type": "object", "required": ["id", "instance_id", "name", "status"], "properties": {
                    "id": {"type": "string"}, "instance_id": {"type": "integer"},
                    "process_key": {"type": "string"}, "element_id": {"type": "string"},
                    "name": {"type": "string"}, "candidate_group": {"type": ["string", "null"]},
                    "assignee": {"type": ["string", "null"]}, "status": {"type": "string"},
                    "due_at": {"type": ["string", "null"], "format": "date-time"},
                    "created_at": {"type": "string", "format": "date-time"},
                    "is_aftercare": {"type": "boolean"}, "customer_business_id": {"type": "string"},
                    "customer_name": {"type": "string"}, "form": {"type": "array", "items": {"type": "object"}},
                    "documentation": {"type": "string"},
                    "claimed_at": {"type": ["string", "null"], "format": "date-time"}}},
                "Instance": {"type": "object", "required": ["id", "process_key", "status"], "properties": {
                    "id": {"type": "integer"}, "process_key": {"type": "string"}, "version": {"type": "integer"},
                    "status": {"type": "string", "enum": ["running", "error", "completed", "cancelled"]},
                    "customer_business_id": {"type": "string"}, "customer_name": {"type": "string"},
                    "responsible": {"type": "string"}, "parent_id": {"type": ["integer", "null"]},
                    "children": {"type": "array", "items": {"type": "integer"}},
                    "lock_version": {"type": "integer"},
                    "open_tasks": {"type": "array", "items": task},
                    "history": {"type": ["array", "null"], "items": {"type": "object"},
                                "description": "null in a completion's answer: read the instance for it"},
                    "data": {"type": "object"}}},
                "MigrationPlan": {"type": "object", "properties": {
                    "instance_id": {"type": "integer"}, "can_move": {"type": "boolean"},
                    "sentence": {"type": "string"}, "reasons": {"type": "array", "items": {"type": "string"}},
                    "notes": {"type": "array", "items": {"type": "string"}},
                    "active": {"type": "array", "items": {"type": "string"}},
                    "unmapped": {"type": "array", "items": {"type": "string"}},
                    "lock_version": {"type": "integer"}, "customer": {"type": "string"},
                    "responsible": {"type": "string"}, "from_version": {"type": "integer"},
                    "to_version": {"type": "integer"}}},
                "MigrationReport": {"type": "object", "properties": {
                    "process_key": {"type": "string"}, "from_version": {"type": "integer"},
                    "to_version": {"type": "integer"}, "dry_run": {"type": "boolean"},
                    "moved": {"type": "array", "items": {"$ref": "#/components/schemas/MigrationPlan"}},
                    "not_moved": {"type": "array", "items": {"$ref": "#/components/schemas/MigrationPlan"}}}},
            },
        },
        "paths": {
            "/api/v1/instances": {"post": {
                "summary": "Start a process for a customer", "security": secured,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["process_id", "customer"], "properties": {
                        "process_id": {"type": "string"}, "customer": {"type": "string", "example": "0112038-9"},
                        "responsible": {"type": "string"}, "data": {"type": "object"}}}}}},
                "responses": _answers({"201": _json(instance, "Started")}, 400, 401, 403, 404, 409, 422)}},
            "/api/v1/instances/{instance_id}": {"get": {
                "summary": "An instance with its open tasks and history", "security": secured,
                "parameters": [{"name": "instance_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "responses": _answers({"200": _json(instance, "The instance")}, 401, 403, 404)}},
            "/api/v1/inbox": {"get": {
                "summary": "Open tasks of the caller and the caller's groups, soonest due first",
                "security": secured,
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                             "maximum": 200}},
                               {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
                "responses": _answers({"200": _json({"type": "object", "properties": {
                    "tasks": {"type": "array", "items": task}, "limit": {"type": "integer"},
                    "offset": {"type": "integer"}}}, "The inbox")}, 401, 403)}},
            "/api/v1/processes/{process_key}/migrations/dry-run": {"post": {
                "summary": "Say per running instance of a version whether it can move to another version, and why "
                           "not (process owners and managers); nothing is changed",
                "security": secured, "parameters": [PROCESS_KEY], "requestBody": MIGRATION_BODY,
                "responses": _answers({"200": _json(report, "In 'moved' those that can move, in 'not_moved' "
                                                            "those that cannot, each with its sentence")},
                                      400, 401, 403, 404, 422)}},
            "/api/v1/processes/{process_key}/migrations": {"post": {
                "summary": "Move the running instances of a version to another version, each in its own "
                           "transaction (process owners and managers)",
                "security": secured, "parameters": [PROCESS_KEY], "requestBody": MIGRATION_BODY,
                "responses": _answers({"200": _json(report, "Those moved and those left untouched, each with its "
                                                            "sentence")}, 400, 401, 403, 404, 422)}},
            "/api/v1/tasks/{task_id}": {"get": {
                "summary": "A task with its form", "security": secured, "parameters": [TASK_ID],
                "responses": _answers({"200": _json(task, "The task")}, 401, 403, 404)}},
            "/api/v1/tasks/{task_id}/claim": {"post": {
                "summary": "Claim a group task", "security": secured, "parameters": [TASK_ID],
                "responses": _answers({"200": _json(task, "Claimed")}, 401, 403, 404, 409)}},
            "/api/v1/tasks/{task_id}/complete": {"post": {
                "summary": "Complete a task with its form data", "security": secured, "parameters": [TASK_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"data": {"type": "object"},
                                                     "expected_version": {"type": "integer"}}}}}},
                "responses": _answers({"200": _json(instance, "Completed; the instance after its steps")},
                                      400, 401, 403, 404, 409, 422)}},
        },
    }
