"""The BPMN runtime: what any office could run its processes on.

Owns loading, validating and deploying BPMN (`bpmn/`), the restricted expression and script evaluator
(`scripting/`), running SpiffWorkflow with durable state (`execution`, `state`, `treewalk`; `prune`
keeps finished history out of it), user tasks and their forms, instances, timers and messages (delivered
after the sender commits: `delivery`), the read models of the screens (`queries`, `views`, `diagram`,
`compare`; company search on its index: `companysearch`), a model's texts in the reader's language
(`texts`, read by `bpmn/languages`), people, sessions and tokens (`users`, with the password policy in
`passwords`), people as the identity provider's claims describe them (`directory`), who may read which
task and instance (`access`), users' saved filters of list pages (`filters`), the audit trail, the event
feed read from it (`feed`), idempotency keys of API requests (`idempotency`) and `check`.
The aftercare rule belongs here because the engine itself refuses a customer-service process without aftercare.

Dependency rule: modules here import SpiffWorkflow, SQLAlchemy, lxml, the foundation modules
(`engine.errors`, `engine.clock`, `engine.models`, `engine.db`) and each other; never
`engine.office`, `engine.demo`, `engine.core`, `engine.cli` or `webui`. `tests/engine/test_layering.py`
enforces it.
"""
