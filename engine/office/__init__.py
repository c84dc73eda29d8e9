"""The TE Office's domain on top of the BPMN runtime: customers and their contacts (`customers`),
customer relationship management (`crm`: the aftercare dashboard, quality, hand-overs), key-account
portfolios and the yearly plan (`portfolios`), the experts' daily reminders (`reminders`), and what a
task's page knows before the expert types: pre-fill and earlier steps (`context`), one aftercare call
per customer (`calls`), and the managers' results scorecard (`scorecard`).

Dependency rule: modules here may import `engine.runtime` and the foundation modules; never
`engine.demo`, `engine.core`, `engine.cli` or `webui`. The runtime never imports this package: where
the office follows up on something the runtime did (a hand-over), the facade hands the runtime's
result to the office module (`reminders.handover_todo`).
"""
