"""Demo data: users, companies, running and finished instances, CRM records (`seed`, `companies`, `crm`).

Dependency rule: imported by nothing but the `demo` and `serve --demo` commands (`engine.cli`) and
tests. It works only through the facade (`engine.core.Engine`) and the public read models.
"""
