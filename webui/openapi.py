"""The OpenAPI 3.1 document of /api/v1, kept next to the views it describes (webui.api and
webui.api_integrations)."""

from __future__ import annotations

from typing import Any

from engine.runtime.feed import EVENT_TYPES

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
INSTANCE_ID = {"name": "instance_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
BUSINESS_ID = {"name": "business_id", "in": "path", "required": True,
               "schema": {"type": "string", "maxLength": 20, "example": "0112038-9"}}
LANG = [{"name": "lang", "in": "query", "description": "Task texts in fi, sv or en (default: Accept-Language, "
         "else fi)", "schema": {"type": "string", "enum": ["fi", "sv", "en"]}},
        {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"}}]
IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False, "description":
                   "Repeat the request under the same key to get the first success again instead of creating "
                   "twice (kept 24 hours); the same key with another body is a 422, while the first runs a 409",
                   "schema": {"type": "string", "minLength": 1, "maxLength": 200}}
PAGING = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
          {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}]


def _q(name: str, description: str = "", **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema or {"type": "string"}}


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": required, "properties": properties}}}}


def _paged(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"items": {"type": "array", "items": item}, "total": {"type": "integer"},
                                             "page": {"type": "integer"}, "per_page": {"type": "integer"},
                                             "pages": {"type": "integer"}, "capped": {"type": "boolean"}, **extra}}


def integration_schemas() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "InstanceRow": {"type": "object", "properties": {
            "id": {"type": "integer"}, "process_key": text, "process_name": text, "version": {"type": "integer"},
            "status": text, "customer_business_id": text, "customer_name": text, "responsible": text,
            "started_at": {"type": "string", "format": "date-time"},
            "ended_at": {"type": ["string", "null"], "format": "date-time"},
            "parent_id": {"type": ["integer", "null"]}, "error_message": {"type": ["string", "null"]}}},
        "Customer": {"type": "object", "properties": {
            "key": {"type": "string", "description": "The card's key in URLs: its Business ID, or H-<id> while "
                    "it has none"},
            "business_id": {"type": ["string", "null"], "description": "null for a prospective entrepreneur"},
            "planned_company": text, "name": text, "industry": text, "size_class": text, "municipality": text,
            "ministry_segment": text, "service_need_segment": text, "lifecycle_phase": text,
            "created_at": {"type": "string", "format": "date-time"},
            "contacts": {"type": "array", "items": {"$ref": "#/components/schemas/Contact"}}}},
        "Contact": {"type": "object", "properties": {"name": text, "title": text, "phone": text, "email": text}},
        "Event": {"type": "object", "required": ["cursor", "type", "at", "instance_id"], "properties": {
            "cursor": {"type": "string", "description": "Opaque; give it as 'after' to read on from here"},
            "type": {"type": "string", "enum": EVENT_TYPES}, "at": {"type": "string", "format": "date-time"},
            "actor": text, "instance_id": {"type": "integer"}, "process_key": text, "customer_business_id": text,
            "task_id": {"type": ["string", "null"]}, "task_name": {"type": ["string", "null"]},
            "element_id": {"type": ["string", "null"]}, "data": {"type": "object"}}},
    }


def integration_paths(secured: list[dict[str, Any]]) -> dict[str, Any]:
    task, instance = {"$ref": "#/components/schemas/Task"}, {"$ref": "#/components/schemas/Instance"}
    customer = {"$ref": "#/components/schemas/Customer"}
    text = {"type": "string"}
    customer_fields = {name: text for name in ("name", "industry", "size_class", "municipality", "ministry_segment",
                                               "service_need_segment", "lifecycle_phase")}
    contact_fields = {name: text for name in ("name", "title", "phone", "email")}
    to_note = {"to": {"type": "string", "description": "The username of an active expert"}, "note": text}
    return {
        "/api/v1/instances": {"get": {
            "summary": "Search instances as the managers' list does (managers)", "security": secured,
            "parameters": [_q("process", "Process key"), _q("version", type="integer", minimum=1),
                           _q("status", type="string", enum=["running", "error", "completed", "cancelled"]),
                           _q("responsible", "Username"), _q("customer", "Company name or Business ID"),
                           _q("from", "Started on or after (26.11.2026 or 2026-11-26)"), _q("to", "Started by"),
                           _q("overdue", "1: aftercare overdue", type="string", enum=["1"]),
                           _q("error", "1: in error", type="string", enum=["1"]),
                           _q("sort", type="string", enum=["started", "id", "process", "status", "responsible",
                                                           "customer"]),
                           _q("dir", type="string", enum=["asc", "desc"]), *PAGING],
            "responses": _answers({"200": _json(_paged({"$ref": "#/components/schemas/InstanceRow"}),
                                                "A page of instances")}, 401, 403, 422)}},
        "/api/v1/tasks": {"get": {
            "summary": "Search open tasks as the inbox does", "security": secured,
            "parameters": [_q("tab", "mine, my groups' unclaimed, or all", type="string",
                              enum=["mine", "group", "all"]),
                           _q("process", "Process key"), _q("customer", "Business ID"),
                           _q("due", type="string", enum=["overdue", "week"]), _q("q", "Company name or Business ID"),
                           *PAGING, *LANG],
            "responses": _answers({"200": _json(_paged(task, counts={"type": "object"}), "A page of tasks")},
                                  401, 403, 422)}},
        "/api/v1/tasks/{task_id}/unclaim": {"post": {
            "summary": "Give a claimed task back to its group", "security": secured, "parameters": [TASK_ID, *LANG],
            "responses": _answers({"200": _json(task, "Given back")}, 401, 403, 404, 409, 422)}},
        "/api/v1/tasks/{task_id}/hand-over": {"post": {
            "summary": "Hand a task over to another expert", "security": secured, "parameters": [TASK_ID, *LANG],
            "requestBody": _body(to_note, ["to"]),
            "responses": _answers({"200": _json(task, "Handed over")}, 401, 403, 404, 409, 422)}},
        "/api/v1/instances/{instance_id}/hand-over": {"post": {
            "summary": "Make another expert responsible for an instance (managers)", "security": secured,
            "parameters": [INSTANCE_ID, *LANG],
            "requestBody": _body({**to_note, "expected_version": {"type": "integer", "minimum": 0}}, ["to", "note"]),
            "responses": _answers({"200": _json(instance, "Handed over")}, 401, 403, 404, 409, 422)}},
        "/api/v1/instances/{instance_id}/cancel": {"post": {
            "summary": "Cancel an instance with a reason (managers)", "security": secured,
            "parameters": [INSTANCE_ID, *LANG], "requestBody": _body({"reason": text}, ["reason"]),
            "responses": _answers({"200": _json(instance, "Cancelled")}, 401, 403, 404, 409, 422)}},
        "/api/v1/instances/{instance_id}/retry": {"post": {
            "summary": "Retry the failed step of an instance in error (managers)", "security": secured,
            "parameters": [INSTANCE_ID, *LANG],
            "responses": _answers({"200": _json(instance, "Retried")}, 401, 403, 404, 409)}},
        "/api/v1/messages": {"post": {
            "summary": "Deliver a message by name to the customer's waiting instance, or start the process "
                       "whose message start event catches it", "security": secured, "parameters": [IDEMPOTENCY_KEY],
            "requestBody": _body({"name": text, "customer": {"type": "string", "example": "0112038-9"},
                                  "responsible": {"type": "string", "description": "For a started instance; "
                                                  "default the caller"}, "data": {"type": "object"}},
                                 ["name", "customer"]),
            "responses": _answers({"200": _json({"type": "object", "properties": {"instance_ids": {
                "type": "array", "items": {"type": "integer"}}}}, "The instances that got it or were started")},
                401, 403, 404, 409, 422)}},
        "/api/v1/customers": {
            "get": {"summary": "Search companies by name or Business ID", "security": secured,
                    "parameters": [_q("q", "Company name or Business ID"), *PAGING],
                    "responses": _answers({"200": _json(_paged(customer), "A page of companies")}, 401, 403)},
            "post": {"summary": "Add a company", "security": secured, "parameters": [IDEMPOTENCY_KEY],
                     "requestBody": _body({"business_id": {"type": "string", "example": "2617416-4"},
                                           **customer_fields, "contacts": {
                                               "type": "array", "items": {"type": "object",
                                                                          "properties": contact_fields}}},
                                          ["business_id", "name"]),
                     "responses": _answers({"201": _json(customer, "Added")}, 401, 403, 409, 422)}},
        "/api/v1/customers/{business_id}": {
            "get": {"summary": "A company with its contact persons", "security": secured,
                    "parameters": [BUSINESS_ID],
                    "responses": _answers({"200": _json(customer, "The company")}, 401, 403, 404)},
            "patch": {"summary": "Change fields of a company (not its Business ID)", "security": secured,
                      "parameters": [BUSINESS_ID], "requestBody": _body({**customer_fields, "planned_company": text},
                                                                        []),
                      "responses": _answers({"200": _json(customer, "Changed")}, 401, 403, 404, 422)}},
        "/api/v1/customers/{business_id}/business-id": {"post": {
            "summary": "Record the Business ID of a prospective entrepreneur's founded company on their card "
                       "(which keeps its instances and history)", "security": secured,
            "parameters": [BUSINESS_ID, IDEMPOTENCY_KEY],
            "requestBody": _body({"business_id": {"type": "string", "example": "2617416-4"},
                                  "name": {"type": "string", "description": "The company's name (default: "
                                           "the planned company name)"}}, ["business_id"]),
            "responses": _answers({"200": _json(customer, "The card with its Business ID")},
                                  401, 403, 404, 409, 422)}},
        "/api/v1/customers/{business_id}/contacts": {"post": {
            "summary": "Add a contact person to a company", "security": secured,
            "parameters": [BUSINESS_ID, IDEMPOTENCY_KEY], "requestBody": _body(contact_fields, ["name"]),
            "responses": _answers({"201": _json(customer, "The company with the new contact")},
                                  401, 403, 404, 409, 422)}},
        "/api/v1/processes": {"post": {
            "summary": "Deploy a BPMN file (process owners)", "security": secured,
            "parameters": [_q("filename", "The file's name, ending in .bpmn"), IDEMPOTENCY_KEY],
            "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
            "responses": _answers({"201": _json({"type": "object", "properties": {"deployed": {
                "type": "array", "items": {"type": "object"}}}}, "Deployed (200: nothing changed)"),
                "200": {"description": "Nothing changed: the same as the newest version"}},
                401, 403, 409, 422)}},
        "/api/v1/events": {"get": {
            "summary": "What happened after a cursor, to instances the caller may read, oldest first",
            "description": "Start without 'after'; keep the answer's 'cursor' and give it as 'after' next time "
                           "(also after a restart): each event comes exactly once. 'more': read again at once.",
            "security": secured,
            "parameters": [_q("after", "The 'cursor' of an earlier answer", type="string", pattern="^[0-9]*$",
                              maxLength=18),
                           _q("limit", type="integer", minimum=1, maximum=500)],
            "responses": _answers({"200": _json({"type": "object", "properties": {
                "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                "cursor": text, "more": {"type": "boolean"}}}, "Events and the cursor to read on from")},
                401, 403, 422)}},
    }


def document() -> dict[str, Any]:
    task = {"$ref": "#/components/schemas/Task"}
    instance = {"$ref": "#/components/schemas/Instance"}
    secured = [{"bearer": []}]
    report = {"$ref": "#/components/schemas/MigrationReport"}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Palvelupolku API", "version": "1",
                 "description": "Start service processes, work task inboxes and inspect instances."},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error", "code"], "properties": {
                    "error": {"type": "string", "description": "A sentence for a person"},
                    "code": {"type": "string", "description": "A machine code, such as not_found"},
                    "type": {"type": "string"},
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
                    "claimed_at": {"type": ["string", "null"], "format": "date-time"},
                    "call": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Call"}],
                             "description": "The joint aftercare call this task is one service of (one call to the "
                                            "customer for services ending within 14 days); null when the task is "
                                            "no call task or its call covers it alone"}}},
                "Call": {"type": "object", "required": ["id", "task_ids", "services"], "properties": {
                    "id": {"type": "string", "description": "The call's lead task (the earliest due); a call is "
                                                            "computed from the open tasks, not stored"},
                    "task_ids": {"type": "array", "items": {"type": "string"},
                                 "description": "Every task of the call, the lead first, this one among them"},
                    "services": {"type": "integer", "minimum": 1,
                                 "description": "How many services the call covers: at least 2 on a task, 1 in "
                                                "the answer of completing a task's call it covered alone"}}},
                "Instance": {"type": "object", "required": ["id", "process_key", "status"], "properties": {
                    "id": {"type": "integer"}, "process_key": {"type": "string"}, "version": {"type": "integer"},
                    "status": {"type": "string", "enum": ["running", "error", "completed", "cancelled"]},
                    "customer_business_id": {"type": "string"}, "customer_name": {"type": "string"},
                    "responsible": {"type": "string"}, "parent_id": {"type": ["integer", "null"]},
                    "children": {"type": "array", "items": {"type": "integer"}},
                    "lock_version": {"type": "integer"},
                    "open_tasks": {"type": "array", "items": task},
                    "history": {"type": ["array", "null"], "items": {"type": "object"},
                                "description": "null in the answer to a start or a completion: read the instance "
                                               "for it"},
                    "data": {"type": "object"}}},
                "MigrationPlan": {"type": "object", "properties": {
                    "instance_id": {"type": "integer"}, "can_move": {"type": "boolean"},
                    "sentence": {"type": "string"}, "reasons": {"type": "array", "items": {"type": "string"}},
                    "notes": {"type": "array", "items": {"type": "string"}},
                    "reason_codes": {"type": "array", "items": {"$ref": "#/components/schemas/MigrationCode"}},
                    "note_codes": {"type": "array", "items": {"$ref": "#/components/schemas/MigrationCode"}},
                    "active": {"type": "array", "items": {"type": "string"}},
                    "unmapped": {"type": "array", "items": {"type": "string"}},
                    "lock_version": {"type": "integer"}, "customer": {"type": "string"},
                    "responsible": {"type": "string"}, "from_version": {"type": "integer"},
                    "to_version": {"type": "integer"}}},
                "MigrationCode": {"type": "object", "properties": {
                    "code": {"type": "string"}, "params": {"type": "object"}}},
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
                    "type": "object", "required": ["process_id"], "properties": {
                        "process_id": {"type": "string"},
                        "customer": {"type": "string", "example": "0112038-9", "description": "A Business ID, or "
                                     "the key H-123 of a card without one; required unless 'applicant' is given"},
                        "applicant": {"type": "object", "description": "Instead of 'customer': a person without a "
                                      "Business ID (a prospective entrepreneur); a card is made for them. Only "
                                      "processes that allow it (the start-up grant) accept such a card",
                                      "required": ["name"], "additionalProperties": False, "properties": {
                                          name: {"type": "string"} for name in ("name", "planned_company",
                                                                                "municipality", "phone", "email")}},
                        "responsible": {"type": "string"}, "data": {"type": "object"}}}}}},
                "parameters": [IDEMPOTENCY_KEY, *LANG],
                "responses": _answers({"201": _json(instance, "Started")}, 400, 401, 403, 404, 409, 422)}},
            "/api/v1/instances/{instance_id}": {"get": {
                "summary": "An instance with its open tasks and history", "security": secured,
                "parameters": [{"name": "instance_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}, *LANG],
                "responses": _answers({"200": _json(instance, "The instance")}, 401, 403, 404)}},
            "/api/v1/inbox": {"get": {
                "summary": "Open tasks of the caller and the caller's groups, soonest due first",
                "security": secured,
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                             "maximum": 200}},
                               {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}, *LANG],
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
                "summary": "A task with its form", "security": secured, "parameters": [TASK_ID, *LANG],
                "responses": _answers({"200": _json(task, "The task")}, 401, 403, 404)}},
            "/api/v1/tasks/{task_id}/claim": {"post": {
                "summary": "Claim a group task", "security": secured, "parameters": [TASK_ID, *LANG],
                "responses": _answers({"200": _json(task, "Claimed")}, 401, 403, 404, 409)}},
            "/api/v1/tasks/{task_id}/complete-call": {"post": {
                "summary": "Complete the joint aftercare call a task belongs to as one: each service's task with "
                           "its own answers, all or nothing", "security": secured, "parameters": [TASK_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["sections"], "properties": {"sections": {
                        "type": "object", "additionalProperties": {"type": "object"},
                        "description": "Each task id of the call (see the task's 'call') -> its form data"}}}}}},
                "responses": _answers({"200": _json({"type": "object", "properties": {
                    "call": {"$ref": "#/components/schemas/Call"},
                    "completed": {"type": "array", "items": {"type": "string"}}}}, "Every service completed")},
                    400, 401, 403, 404, 409, 422)}},
            "/api/v1/tasks/{task_id}/complete": {"post": {
                "summary": "Complete a task with its form data", "security": secured, "parameters": [TASK_ID, *LANG],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"data": {"type": "object"},
                                                     "expected_version": {"type": "integer"}}}}}},
                "responses": _answers({"200": _json(instance, "Completed; the instance after its steps")},
                                      400, 401, 403, 404, 409, 422)}},
        },
    }
    doc["components"]["schemas"].update(integration_schemas())
    for path, operations in integration_paths(secured).items():
        doc["paths"].setdefault(path, {}).update(operations)
    return doc
