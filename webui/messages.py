"""Engine sentences in the reader's language: every error, audit entry and validator problem the engine
makes carries a code and named parameters; this module owns the code -> text table and renders it.

* `MESSAGES`: code -> lazy gettext template with named placeholders (Finnish and Swedish in the catalogs);
* `error_text(exc)`: an engine error (`code`, `params`) as the reader's sentence;
* `history_text(entry, texts)`: an instance's audit entry (`code`, `params`, see engine.runtime.audit);
* `notice_text(notification)`: a reminder or to-do (see engine.office.reminders);
* `migration_text(sentence)`: a migration dry run's reason or note (see engine.runtime.migration);
* `stopped_text(message)`, `stopped_line(message)`: why an instance stopped (its `error_message`), read back
  into code and parameters as the history reads its error entry;
* `problem_text(problem)`: a validator problem (`code`, `params`, see engine.runtime.bpmn.Problem).

Parameters that name things are shown as labels: people by full name, processes and tasks by their name in
the reader's language, statuses as the pages name them. An unknown code, or a template its parameters do
not fill, falls back to the engine's English sentence. English readers get the engine's own sentence for
errors, problems and dry runs (it says as much or more); history and reminders use the templates in every
language, since they name people and processes by name where the stored sentence has ids.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from flask import Flask, g
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from engine import PalvelupolkuError
from engine.models import AuditKind
from engine.office import reminders
from engine.runtime import audit, migration
from engine.runtime.bpmn.languages import ModelTexts
from engine.runtime.scripting.checks import CLAUSES
from webui.i18n import STATUS_LABELS, language
from webui.labels import message_label, model_of, person, process_name, process_names

# The general sentence of each error class (a raise without its own code).
ERRORS = {
    "error.general": _l("The request could not be carried out."),
    "error.configuration": _l("The service is not configured correctly; tell the administrator."),
    "error.not_found": _l("What you looked for does not exist."),
    "error.validation": _l("The input breaks a rule; check it and try again."),
    "error.bpmn": _l("The BPMN file has problems; nothing was deployed."),
    "error.form": _l("Check the marked fields."),
    "error.business_id": _l("The Business ID is not valid: write it as seven digits, a hyphen and a check digit."),
    "error.permission": _l("You may not do this."),
    "error.too_many_attempts": _l("Too many failed sign-ins; wait %(seconds)s seconds and try again."),
    "error.conflict": _l("Someone else changed this at the same time; reload and try again."),
    "error.stale": _l("This changed since you loaded it; reload the page and try again."),
    "error.task_not_open": _l("The task is no longer open; reload to see its current state."),
    "error.process": _l("Running the process failed."),
    "error.script": _l("A script or an expression of the process failed."),
}

SPECIFIC = {
    "task.not_found": _l("The task %(id)s does not exist."),
    "task.not_open": _l("Task '%(task)s' is no longer open (%(status)s); reload to see its current state."),
    "task.not_open_by": _l("Task '%(task)s' is no longer open (%(status)s: %(user)s); reload to see its "
                           "current state."),
    "task.claimed": _l("Task '%(task)s' is already being worked on by %(user)s."),
    "task.not_in_group": _l("%(user)s is not in the group %(group)s of task '%(task)s'."),
    "task.raced": _l("Task '%(task)s' was taken or completed by someone else just now; reload."),
    "task.only_assignee_returns": _l("Only the person working on task '%(task)s' can give it back."),
    "task.no_group": _l("Task '%(task)s' belongs to the responsible expert and has no group to return to."),
    "task.only_assignee_hands_over": _l("Only the person working on task '%(task)s' or a manager can hand it "
                                        "over."),
    "task.note_needed": _l("Write a note that the customer was told who takes over."),
    "task.not_yours": _l("Task '%(task)s' belongs to %(owner)s, not to you."),
    "task.stale": _l("Instance %(instance)s changed since you loaded it; reload the task and try again."),
    "task.not_waiting": _l("Task '%(task)s' is no longer waiting for input; reload."),
    "task.data_not_object": _l("The form data must be an object of field values."),
    "task.missing_output": _l("Task '%(task)s' cannot be completed: a value the process needs is missing. "
                              "Submit it with the task, or ask the process owner to fix the model."),
    "access.instance": _l("You may not see instance %(instance)s: it is neither yours nor your group's."),
    "access.task": _l("You may not see task '%(task)s': it is neither yours nor your group's."),
    "instance.not_found": _l("Instance %(instance)s does not exist."),
    "instance.not_in_error": _l("Instance %(instance)s is not in error; there is nothing to retry."),
    "instance.cancel_reason": _l("Give a reason for cancelling the instance."),
    "instance.ended": _l("Instance %(instance)s has already ended."),
    "instance.handover_note": _l("Write a note on how the customer was told about the new responsible expert."),
    "instance.stale_handover": _l("Instance %(instance)s was changed since you loaded it; reload the page and "
                                  "check before handing over."),
    "instance.ended_handover": _l("Instance %(instance)s has ended; its responsibility cannot be handed over."),
    "instance.already_responsible": _l("%(user)s is already the responsible expert."),
    "instance.changed_meanwhile": _l("Someone changed this instance at the same time; reload and try again."),
    "user.not_found": _l("There is no user %(user)s."),
    "user.not_active": _l("There is no active user %(user)s."),
    "user.not_expert": _l("%(user)s cannot be responsible: only an active expert can open the tasks that "
                          "come with it."),
    "migration.stale": _l("Instance %(instance)s changed since its dry run; run the dry run again."),
    "process.not_deployed": _l("The process %(process)s is not deployed."),
    "process.not_found": _l("The process %(process)s does not exist."),
    "process.no_version": _l("The process %(process)s has no version %(version)s."),
    "process.exists": _l("A process with the id %(process)s exists already; open it instead."),
    "process.called_only": _l("The process %(process)s is only called from other processes; start its caller."),
    "process.message_start_only": _l("The process %(process)s starts only by a message (%(messages)s)."),
    "customer.not_found": _l("There is no company with Business ID %(business_id)s; add the company first."),
    "api.start_customer": _l("'process_id' and 'customer' (a Business ID, or the key H-123 of a card without one) "
                             "are required strings; or 'applicant' instead of 'customer'."),
    "api.applicant": _l("'process_id' is required, and 'applicant' is an object of texts: %(fields)s."),
    "customer.no_card": _l("There is no customer card %(key)s."),
    "customer.business_id_required": _l("%(customer)s has no Business ID yet, and the process %(process)s needs "
                                        "one: record the company's Business ID on the customer card first."),
    "customer.has_business_id": _l("%(customer)s already has Business ID %(business_id)s; it cannot be changed."),
    "customer.business_id_taken": _l("Business ID %(business_id)s is already on the card of %(customer)s; check "
                                     "the ID, or continue on that card."),
    "customer.registered_meanwhile": _l("Business ID %(business_id)s was registered by someone else just now; "
                                        "reload and check the company."),
    "business_id.no_check_digit": _l("Business ID %(business_id)s is not valid: no check digit fits its digits, "
                                     "so one of them is mistyped."),
    "business_id.check_digit": _l("Business ID %(business_id)s is not valid: the check digit should be "
                                  "%(expected)s, or one of the other digits is mistyped."),
    "db.migration_breaks_reference": _l("Migrating the database would break a reference from table %(table)s to "
                                        "%(target)s; nothing was changed."),
    "db.busy": _l("The database was busy with another change; try again."),
    "notification.not_found": _l("The notification %(id)s does not exist."),
    "notification.not_yours": _l("That notification belongs to someone else."),
    "portfolio.not_found": _l("The portfolio %(id)s does not exist."),
    "portfolio.not_owner": _l("Only the portfolio's owner %(owner)s or a manager may do this."),
    "portfolio.already_member": _l("%(customer)s is already in the portfolio %(portfolio)s."),
    "portfolio.not_member": _l("%(customer)s is not in this portfolio."),
    "portfolio.owner_not_expert": _l("%(user)s is not an expert; a portfolio is owned by an expert."),
    "portfolio.name": _l("Give the portfolio a name of at most 200 characters."),
    "portfolio.interval": _l("The contact interval must be 1 to 36 months."),
    "portfolio.exists": _l("A portfolio named %(portfolio)s already exists."),
    "contact.notes_length": _l("The notes may be at most %(count)s characters long."),
    "plan.segment": _l("Choose one of the service-need segments."),
    "plan.year": _l("Give a year between 2000 and 2100."),
    "plan.target": _l("The number of planned contacts must be 0 to 100000."),
    "plan.actions_length": _l("The planned actions may be at most %(count)s characters long."),
    "process.bad_id": _l("A process id starts with a letter and has only letters, digits, _ and - (at most 100 "
                         "characters); %(process)s does not."),
    "timer.not_found": _l("The timer %(id)s does not exist."),
    "timer.not_failed": _l("The timer has not failed; it is %(status)s."),
    "user.bad_name": _l("The username %(user)s is not valid: use 2-80 lowercase letters, digits, '.', '_' or '-', "
                        "starting with a letter or a digit."),
    "user.exists": _l("The user %(user)s already exists."),
    "user.already_active": _l("%(user)s is already active."),
    "user.already_deactivated": _l("%(user)s is already deactivated."),
    "token.days": _l("A token is valid for 1 to %(max)s days."),
    "token.user_deactivated": _l("%(user)s is deactivated; reactivate the user before making a token."),
    "token.revoked": _l("The API token %(id)s is already revoked."),
    "contact.channel": _l("Choose a channel."),
    "contact.future": _l("The contact date cannot be in the future."),
    "contact.describe_needs": _l("Describe the new needs in the notes."),
    "task.outside_group": _l("%(user)s cannot take task '%(task)s': it belongs to the group %(group)s, which "
                             "they are not in. Hand it to a member of the group, or ask a manager."),
    "password.too_short": _l("The password must be at least %(min)s characters long."),
    "password.username": _l("The password may not be the username or a part of it."),
    "password.common": _l("That password is on the list of common passwords attackers try first; choose another."),
    "token.not_found": _l("The API token does not exist."),
    "user.language": _l("The language %(language)s is not offered; choose one of %(choices)s."),
    "user.unknown_roles": _l("Unknown roles %(roles)s; the roles are %(choices)s."),
    "start.not_object": _l("The start data must be an object whose keys are names like 'kuvaus'."),
    "start.underscore": _l("Start data keys may not start with an underscore."),
    "start.too_large": _l("The start data is %(size)s bytes; at most %(max)s are accepted."),
    "message.no_receiver": _l("Nothing catches the message %(message)s for %(customer)s: no waiting instance and "
                              "no process with a message start event for it."),
    "mapping.too_long": _l("A mapping may name at most %(max)s elements."),
    "mapping.bad_id": _l("%(element)s is not an element id; map ids such as Task_jalkihoito."),
    "deploy.no_files": _l("No .bpmn files were found at %(path)s."),
    "deploy.problems": _l("%(count)s problem(s) found; nothing was deployed."),
    "idempotency.bad_key": _l("An Idempotency-Key is 1 to %(max)s printable characters, such as a UUID."),
    "idempotency.reused": _l("The Idempotency-Key was used for another request; use a new key for a new request."),
    "feed.bad_cursor": _l("%(cursor)s is not a cursor of this feed; give the 'cursor' of an earlier answer, or "
                          "leave 'after' out to read from the beginning."),
    "scorecard.year": _l("Give a year between 2000 and 2100."),
    "scorecard.percent": _l("The target share of positive feedback is a percentage from 0 to 100."),
    "scorecard.targets": _l("The targets for visits and growth companies must be 0 to 1000000."),
    "call.not_open": _l("Task %(id)s is no open aftercare call."),
    "call.unanswered": _l("The call covers %(services)s services; answer each of them (%(missing)s missing)."),
    "customer.bad_business_id": _l("There is no company with Business ID %(business_id)s: write it as seven "
                                   "digits, a hyphen and a check digit."),
    "decision.not_found": _l("The decision %(decision)s does not exist."),
    "directory.no_subject": _l("The identity provider sent no subject ('sub' claim); the sign-in cannot be used."),
    "directory.bad_name": _l("The identity provider's user name %(user)s cannot be made a username here."),
    "directory.deactivated": _l("%(user)s is deactivated; ask an administrator to reactivate the user."),
    "directory.taken": _l("The username %(user)s already belongs to another directory account; an administrator "
                          "must rename one of them."),
    "script.timeout": _l("A script or expression ran for more than %(seconds)s seconds and was stopped; check "
                         "its loops and the size of the values it sorts, compares or converts."),
    "script.limits": _l("A script or expression was stopped: it needed more memory or time than it may use."),
    "script.iterator": _l("The expression %(expression)s gives an iterator, which cannot be kept; wrap it in "
                          "list(...) or use any(...) or all(...)."),
    "script.leaves_iterator": _l("The script leaves %(name)s as an iterator, which cannot be kept in the task "
                                 "data; wrap it in list(...)."),
    "script.clashes": _l("The task data has fields named like predefined values (%(names)s); rename those fields."),
    "script.unsendable": _l("A script or expression cannot run: the task data holds a %(kind)s, which is not a "
                            "value task data may hold."),
    "script.name_missing_line": _l("Line %(line)s of the script (`%(text)s`) refers to `%(name)s`, which is not "
                                   "in the task data."),
    "script.name_missing_expression": _l("The expression `%(expression)s` refers to `%(name)s`, which is not in "
                                         "the task data."),
    "script.key_missing_line": _l("Line %(line)s of the script (`%(text)s`) looks up the key %(key)s, which is "
                                  "missing."),
    "script.key_missing_expression": _l("The expression `%(expression)s` looks up the key %(key)s, which is "
                                        "missing."),
    "script.dict_attribute_line": _l("Line %(line)s of the script (`%(text)s`) reads `.%(name)s` from a "
                                     "dictionary; write `['%(name)s']` instead."),
    "script.dict_attribute_expression": _l("The expression `%(expression)s` reads `.%(name)s` from a dictionary; "
                                           "write `['%(name)s']` instead."),
    "script.zero_division_line": _l("Line %(line)s of the script (`%(text)s`) divides by zero."),
    "script.zero_division_expression": _l("The expression `%(expression)s` divides by zero."),
    "script.out_of_time_line": _l("Line %(line)s of the script (`%(text)s`) ran for more than %(seconds)s seconds "
                                  "and was stopped; check its loops."),
    "script.out_of_time_expression": _l("The expression `%(expression)s` ran for more than %(seconds)s seconds and "
                                        "was stopped; check its loops."),
    "script.out_of_time_script": _l("The script ran for more than %(seconds)s seconds and was stopped; check its "
                                    "loops."),
    "script.out_of_memory_line": _l("Line %(line)s of the script (`%(text)s`) used more than %(megabytes)s MB of "
                                    "memory and was stopped."),
    "script.out_of_memory_expression": _l("The expression `%(expression)s` used more than %(megabytes)s MB of memory "
                                          "and was stopped."),
    "script.out_of_memory_script": _l("The script used more than %(megabytes)s MB of memory and was stopped."),
    "script.refused_expression": _l("The expression is not allowed: it %(clause)s."),
    "script.refused_line": _l("Line %(line)s of the script is not allowed: it %(clause)s."),
    "script.juel_expression": _l("The expression `%(text)s` is written in JUEL, Camunda's expression language, but "
                                 "Palvelupolku expressions are Python over task data, e.g. `%(example)s`."),
    "script.juel_script": _l("The script `%(text)s` is written in JUEL, Camunda's expression language, but "
                             "Palvelupolku scripts are Python over task data, e.g. `%(example)s`."),
    "script.syntax_expression": _l("The expression has a syntax error at line %(line)s, column %(column)s "
                                   "(Python says: %(detail)s)"),
    "script.syntax_script": _l("The script has a syntax error at line %(line)s, column %(column)s (Python says: "
                               "%(detail)s)"),
    "script.unreadable_expression": _l("The expression cannot be read as Python (Python says: %(detail)s)"),
    "script.unreadable_script": _l("The script cannot be read as Python (Python says: %(detail)s)"),
    "data.not_object": _l("The data must be an object of named values."),
    "data.too_deep": _l("The data is nested more than %(max)s levels deep (at `%(path)s`); flatten it."),
    "data.not_finite": _l("The value `%(path)s` is %(value)s, which is not a number that can be stored; store a "
                          "finite number or None."),
    "data.big_number": _l("The value `%(path)s` is a whole number of more than %(max)s digits; store it as text."),
    "data.key_not_text": _l("The data has the key %(key)s, which is not text; keys must be text."),
    "data.unstorable": _l("The value `%(path)s` holds a %(kind)s, which cannot be stored; keep only text, numbers, "
                          "truth values, dates, lists and dictionaries."),
    "data.too_large": _l("The data is larger than %(max)s characters; keep large documents outside the process."),
    "script.empty_expression": _l("The expression is empty."),
    "script.too_deep": _l("The script or expression is nested too deeply to read; split it into smaller steps."),
    "data.unsavable": _l("The task data holds a value that cannot be saved; store text, numbers, true/false, "
                         "dates, lists or dictionaries in task data."),
    "demo.no_user": _l("No demo user is in the group %(group)s of task '%(task)s'."),
    "bpmn.unusable": _l("%(file)s is not a usable BPMN file."),
    "filter.page": _l("Filters are saved for the inbox and the instance list only."),
    "filter.name": _l("Give the filter a name."),
    "filter.name_length": _l("A filter's name is at most %(count)s characters."),
    "filter.query_length": _l("The filter is too long to save (at most %(count)s characters)."),
    "filter.too_many": _l("You have %(count)s saved filters on this page; delete one before saving another."),
    "filter.not_found": _l("You have no saved filter %(id)s."),
}

# Audit entries (engine.runtime.audit.SENTENCES); a code ending in "_note" is its base sentence + the note.
HISTORY = {
    "audit.deploy_decision": _l("Deployed the decision %(decision)s, version %(version)s, from %(file)s."),
    "audit.deploy": _l("Deployed %(process)s version %(version)s from %(file)s."),
    "audit.start_by_message": _l("Started %(process)s (version %(version)s) for %(customer)s by the message "
                                 "'%(name)s'."),
    "audit.start": _l("Started %(process)s (version %(version)s) for %(customer)s."),
    "audit.task_create": _l("Task '%(task)s' is open."),
    "audit.claim": _l("%(user)s took '%(task)s' to work on."),
    "audit.unclaim": _l("%(user)s gave '%(task)s' back to the group %(group)s."),
    "audit.assign_from_group": _l("'%(task)s' handed from the group to %(new)s."),
    "audit.assign": _l("'%(task)s' handed from %(old)s to %(new)s."),
    "audit.handover": _l("Responsibility handed over from %(old)s to %(new)s."),
    "audit.complete": _l("%(user)s completed '%(task)s'."),
    "audit.timer_fired_worker": _l("Timer '%(timer)s' fired."),
    "audit.timer_fired": _l("Timer '%(timer)s' fired."),
    "audit.message_sent": _l("Sent the message '%(name)s'."),
    "audit.message_received": _l("Received the message '%(name)s'."),
    "audit.message_started": _l("The message '%(name)s' started %(process)s (instance %(instance)s)."),
    "audit.message_loop": _l("The message '%(name)s' was not delivered: more than %(hops)s messages in one "
                             "step; the models probably send messages in a loop."),
    "audit.message_unsavable": _l("The message '%(name)s' was not delivered: its data holds a value that cannot "
                                  "be saved (only text, numbers, true/false, dates, lists and dictionaries can)."),
    "audit.message_failed": _l("The message '%(name)s' could not be delivered: %(detail)s"),
    "audit.message_uncaught": _l("No deployed process and no waiting instance of this customer receives the "
                                 "message '%(name)s'."),
    "audit.error_name_missing_line": _l("Element %(element)s: Line %(line)s of the script (`%(text)s`) refers to "
                                        "`%(name)s`, which is not in the task data."),
    "audit.error_name_missing_expression": _l("Element %(element)s: The expression `%(expression)s` refers to "
                                              "`%(name)s`, which is not in the task data."),
    "audit.error_key_missing_line": _l("Element %(element)s: Line %(line)s of the script (`%(text)s`) looks up "
                                       "the key %(key)s, which is missing."),
    "audit.error_zero_division_line": _l("Element %(element)s: Line %(line)s of the script (`%(text)s`) divides "
                                         "by zero."),
    "audit.error_out_of_time_line": _l("Element %(element)s: Line %(line)s of the script (`%(text)s`) ran for "
                                       "more than %(seconds)s seconds and was stopped; check its loops."),
    "audit.error_out_of_time_expression": _l("Element %(element)s: The expression `%(expression)s` ran for more "
                                             "than %(seconds)s seconds and was stopped; check its loops."),
    "audit.error_out_of_time_script": _l("Element %(element)s: The script ran for more than %(seconds)s seconds and "
                                         "was stopped; check its loops."),
    "audit.error_out_of_memory_line": _l("Element %(element)s: Line %(line)s of the script (`%(text)s`) used more "
                                         "than %(megabytes)s MB of memory and was stopped."),
    "audit.error_out_of_memory_expression": _l("Element %(element)s: The expression `%(expression)s` used more than "
                                               "%(megabytes)s MB of memory and was stopped."),
    "audit.error_out_of_memory_script": _l("Element %(element)s: The script used more than %(megabytes)s MB of "
                                           "memory and was stopped."),
    "audit.error_timeout_expression": _l("Element %(element)s: The expression `%(expression)s` ran for more than "
                                         "%(seconds)s seconds and was stopped; check its loops and the size of the "
                                         "values it sorts, compares or converts."),
    "audit.error_timeout_script": _l("Element %(element)s: The script ran for more than %(seconds)s seconds and was "
                                     "stopped; check its loops and the size of the values it sorts, compares or "
                                     "converts."),
    "audit.error_limits_expression": _l("Element %(element)s: The expression `%(expression)s` was stopped: it "
                                        "needed more memory or time than it may use."),
    "audit.error_limits_script": _l("Element %(element)s: The script was stopped: it needed more memory or time "
                                    "than it may use."),
    "audit.error_element_failed": _l("Element %(element)s failed: %(detail)s"),
    "audit.error_step_failed": _l("A step failed: %(detail)s"),
    "audit.error_step_limit": _l("The process ran more than %(steps)s steps without waiting for a person, a timer "
                                 "or a message; it probably loops without end. Fix the model and retry."),
    "audit.error_state_too_large": _l("The instance's stored state has grown past %(limit)s characters "
                                      "(%(size)s); the process probably loops without end through a timer or a "
                                      "message. Fix the model, then cancel the instance."),
    "audit.timer_failed": _l("The timer failed %(attempts)s times and needs a manager: %(detail)s"),
    "audit.retry_timer": _l("The timer was sent back to be run again."),
    "audit.retry": _l("The failed step was tried again."),
    "audit.end": _l("The instance ended."),
    "audit.migrate_mapping": _l("Moved from version %(old)s to version %(new)s with mapping %(mapping)s."),
    "audit.migrate": _l("Moved from version %(old)s to version %(new)s."),
    "audit.export": _l("Exported %(process)s version %(version)s to the file %(path)s."),
    "audit.user_create": _l("Created the user %(user)s."),
    "audit.user_deactivate": _l("Deactivated %(user)s."),
    "audit.user_reactivate": _l("Reactivated %(user)s."),
    "audit.password_set": _l("New password for %(user)s."),
    "audit.sign_out_everywhere": _l("Signed %(user)s out everywhere."),
    "audit.token_create": _l("API token %(id)s for %(user)s."),
    "audit.token_revoke": _l("Revoked the API token %(id)s of %(user)s."),
    "audit.user_roles_directory": _l("Roles of %(user)s from the directory: %(roles)s; groups: %(groups)s."),
    "audit.user_roles": _l("Roles of %(user)s: %(roles)s; groups: %(groups)s."),
    "audit.customer_business_id": _l("Recorded Business ID %(business_id)s on customer card %(key)s (%(name)s)."),
    "audit.user_directory": _l("%(user)s signs in through the identity provider (subject %(subject)s)."),
}
# Audit codes whose text is the person's own words (a cancel's reason) or the engine's detail as it is.
FREE_TEXT = {"audit.cancel": "reason", "audit.error": "detail"}

PROBLEMS = {
    "bpmn.no_process": _l("No executable process: the file holds no process at all; add a process and mark it "
                          "executable."),
    "bpmn.duplicate_id": _l("The id '%(id)s' is used by %(count)s elements; ids must be unique within a file."),
    "bpmn.flow_unconnected": _l("The sequence flow %(element)s is not connected at both ends; connect its start "
                                "and its end to an element."),
    "bpmn.empty_condition": _l("The sequence flow %(element)s has an empty condition; write a Python expression, "
                               "or make the flow the gateway's default."),
    "bpmn.many_outgoing": _l("%(element)s has %(count)s outgoing sequence flows, but only one may leave it; "
                             "branch with a gateway after it."),
    "bpmn.flow_without_condition": _l("The sequence flow %(element)s leaves %(gateway)s without a condition and "
                                      "is not its default flow; give it a condition or make it the default."),
    "bpmn.duplicate_field": _l("%(element)s has two form fields with the id '%(field)s'; field ids must be unique "
                               "within a form."),
    "bpmn.enum_without_values": _l("%(element)s has the choice field '%(field)s' without any values; add the "
                                   "options to choose from."),
    "bpmn.no_script": _l("The script task %(element)s has no script; write the Python code it should run."),
    "bpmn.timer_without_time": _l("The timer of %(element)s does not say when it fires; give it a date, a "
                                  "duration (for example P14D) or a cycle."),
    "bpmn.no_aftercare": _l("The process %(element)s has no aftercare task: every service process must end with "
                            "the aftercare call; mark its user task as the aftercare task."),
    "bpmn.field_without_id": _l("%(element)s has a form field without an id (line %(line)s); every field needs "
                                "an id, which becomes its task data name."),
    "bpmn.field_bad_id": _l("%(element)s has the form field id '%(field)s', which is not a valid Python name; "
                            "field ids become task data names used in conditions and scripts (like customer_name)."),
    "bpmn.field_unknown_type": _l("%(element)s has an unknown form field type '%(type)s' in field '%(field)s'; "
                                  "use one of: %(choices)s."),
    "bpmn.script_not_python": _l("%(element)s has the script format '%(format)s'; Palvelupolku runs only Python "
                                 "scripts, so write it in Python with the script format python (or none)."),
    "bpmn.script_resource": _l("%(element)s loads its script from the resource '%(resource)s', which "
                               "Palvelupolku cannot read; put the Python code in the script body."),
    "bpmn.condition_ignored": _l("The sequence flow %(element)s has a condition, but it leaves %(source)s, where "
                                 "conditions are not evaluated; only exclusive and inclusive gateways evaluate "
                                 "them."),
    "bpmn.condition_language": _l("The condition of the sequence flow %(element)s is written in '%(language)s'; "
                                  "Palvelupolku evaluates conditions as Python expressions."),
    "bpmn.start_no_outgoing": _l("%(element)s has no outgoing sequence flow, so the process would end as soon as "
                                 "it starts; connect it to the first step."),
    "bpmn.no_incoming": _l("%(element)s has no incoming sequence flow, so it never runs; connect it from the "
                           "start event or a step before it."),
    "bpmn.default_not_outgoing": _l("%(element)s names '%(flow)s' as its default flow, which is not one of its "
                                    "outgoing sequence flows."),
    "bpmn.boundary_unattached": _l("%(element)s is attached to no activity; say which activity it is attached to."),
    "bpmn.boundary_bad_host": _l("%(element)s is attached to '%(host)s', which is not an activity in the same "
                                 "process or subprocess."),
    "bpmn.boundary_no_definition": _l("%(element)s has no event definition; say what it waits for (a timer, a "
                                      "message or an error)."),
    "bpmn.start_timer_cycle": _l("The timer of %(element)s repeats, but Palvelupolku starts an instance when a "
                                 "person, the API or a message starts it, never by a start timer; use a date or "
                                 "a duration, or start the instances from outside."),
    "bpmn.aftercare_not_user_task": _l("%(element)s is marked aftercare, but only a user task can be the "
                                       "aftercare task; move the mark to the user task of the aftercare call."),
    "bpmn.aftercare_outgoing": _l("The aftercare task '%(task)s' must have exactly one outgoing sequence flow, "
                                  "to the needs-reassessment gateway; it has %(count)s."),
    "bpmn.aftercare_not_to_gateway": _l("The aftercare task '%(task)s' must lead straight to an exclusive "
                                        "gateway (the needs-reassessment gateway: new service needs or not); it "
                                        "leads to %(target)s."),
    "bpmn.reassessment_no_default": _l("The needs-reassessment gateway '%(gateway)s' after the aftercare task "
                                       "'%(task)s' has no default flow; make the 'no new needs' flow its default."),
    "bpmn.reassessment_too_few": _l("The needs-reassessment gateway '%(gateway)s' after the aftercare task "
                                    "'%(task)s' has %(count)s outgoing sequence flow(s); it needs at least two: "
                                    "the default (no new needs) and one to a new service needs assessment."),
    "bpmn.field_constraint": _l("'%(element)s', form field '%(field)s': %(detail)s"),
    "bpmn.field_default": _l("'%(element)s', the default value of form field '%(field)s': %(detail)s"),
    "bpmn.script_refused": _l("The script of '%(element)s' is refused: %(detail)s"),
    "bpmn.external_no_topic": _l("'%(element)s' is an external task without a camunda:topic; name the topic, which "
                                 "is the name of the Python service handler that does the work."),
    "bpmn.service_missing": _l("'%(element)s' names the service handler '%(name)s', but no Python service handler "
                               "is installed under that name; install one or model the work as a user task."),
    "bpmn.java_code": _l("'%(element)s' runs Java code (%(how)s); Palvelupolku cannot run it; name a Python "
                         "service handler with camunda:class, or model it as a user task or a script task."),
    "bpmn.service_no_implementation": _l("'%(element)s' has no implementation Palvelupolku can run; name a Python "
                                         "service handler with camunda:class, or model it as a user task (work a "
                                         "person does) or a script task (Python)."),
    "bpmn.no_decision_ref": _l("'%(element)s' is a business rule task without camunda:decisionRef; name the DMN "
                               "decision it evaluates (deploy the .dmn file with the process), or model the "
                               "decision with an exclusive gateway and conditions."),
    "bpmn.decision_missing": _l("'%(element)s' evaluates the DMN decision '%(decision)s', which is in none of the "
                                ".dmn files being deployed or already deployed; deploy the .dmn file with the "
                                "process."),
    "bpmn.decision_requires": _l("'%(element)s' evaluates the DMN decision '%(decision)s', which requires the "
                                 "decision(s) %(required)s; Palvelupolku evaluates one decision table at a time, "
                                 "so evaluate each required decision first in its own business rule task."),
    "bpmn.decision_binding": _l("'%(element)s' binds its decision by %(binding)s; Palvelupolku evaluates the "
                                "decision deployed with the process version, so leave camunda:decisionRefBinding "
                                "out."),
    "bpmn.no_called_element": _l("'%(element)s' has no calledElement; name the id of the process it calls."),
    "bpmn.called_missing": _l("'%(element)s' calls the process '%(process_id)s', which is neither in the files "
                              "being validated nor deployed; deploy it first or validate both files together."),
    "bpmn.called_not_executable": _l("'%(element)s' calls the process '%(process_id)s', which is not marked "
                                     "executable; Palvelupolku runs and checks only executable processes."),
    "bpmn.interrupting_event_subprocess": _l("'%(element)s' is an interrupting event subprocess, which would not "
                                             "interrupt the process here, so the rest would go on; make its start "
                                             "event non-interrupting or use an interrupting boundary event."),
    "bpmn.complex_gateway": _l("'%(element)s' is a complex gateway, which is not supported; use an inclusive or a "
                               "parallel gateway."),
    "bpmn.event_definition_ref": _l("'%(element)s' refers to a shared event definition (eventDefinitionRef); only "
                                    "event definitions inside the event itself are read."),
    "bpmn.link_event": _l("'%(element)s' is a link event, which is not supported (the path would silently stop "
                          "there); connect the elements with a sequence flow."),
    "bpmn.compensation_event": _l("'%(element)s' is a compensation event, which is not supported; model the undo "
                                  "steps as ordinary tasks."),
    "bpmn.conditional_event": _l("'%(element)s' is a conditional event, whose condition is checked only once, when "
                                 "the event is reached, so it could wait for ever; use an exclusive gateway, a "
                                 "timer or a message instead."),
    "bpmn.timer_problem": _l("The timer of '%(element)s' %(detail)s"),
    "bpmn.message_expression": _l("'%(element)s' has the camunda:expression '%(expression)s' on its message, which "
                                  "is not evaluated: the message carries the sender's task data as its payload, so "
                                  "leave the expression out."),
    "bpmn.message_java": _l("'%(element)s' runs Java code (%(how)s), which Palvelupolku cannot run; leave the "
                            "implementation out and the message carries the task data."),
    "bpmn.message_undefined": _l("'%(element)s' refers to the message '%(ref)s', which is not defined in this "
                                 "file; add a bpmn:message with that id."),
    "bpmn.message_unnamed": _l("'%(element)s' has neither a messageRef nor a name, so there is no telling which "
                               "message it is about; define a bpmn:message and refer to it."),
    "bpmn.signal_undefined": _l("'%(element)s' refers to the signal '%(ref)s', which is not defined in this file."),
    "bpmn.signal_start": _l("'%(element)s' waits for a signal; Palvelupolku does not send signals between "
                            "instances, so nothing could start the process this way; use a message start event."),
    "bpmn.signal_never_thrown": _l("'%(element)s' waits for the signal '%(name)s', which no element of these "
                                   "processes throws; Palvelupolku does not pass signals between instances, so it "
                                   "would wait for ever."),
    "bpmn.reference_undefined": _l("'%(element)s' refers to the %(kind)s '%(ref)s', which is not defined in this "
                                   "file; add a bpmn:%(kind)s with that id."),
    "bpmn.juel_untranslatable": _l("'%(element)s': the expression '%(text)s' is JUEL that cannot be translated to "
                                   "Python (%(detail)s). Write it as a Python expression over task data instead."),
    "bpmn.feel": _l("'%(element)s': the expression '%(text)s' is FEEL, which is not supported; write Python: "
                    "%(python)s."),
    "bpmn.candidate_groups_expression": _l("The candidate groups of '%(element)s' ('%(groups)s') are an "
                                           "expression, which would not be evaluated; name the groups "
                                           "(camunda:candidateGroups=\"ely\") or put the task in the lane of its "
                                           "group."),
    "bpmn.multi_instance_refs": _l("'%(element)s' is a multi-instance activity over BPMN data references, which "
                                   "Palvelupolku does not run; name the list with camunda:collection=\"items\" and "
                                   "each element with camunda:elementVariable=\"item\" instead."),
    "bpmn.spiff_extension": _l("'%(element)s' uses SpiffWorkflow's spiffworkflow:%(name)s, which Palvelupolku does "
                               "not run; leave it out, or move the work into a script task."),
    "bpmn.mappings_not_here": _l("'%(element)s' has input/output mappings or pre/post-scripts, which run only on "
                                 "tasks, subprocesses and call activities; move them into a script task before or "
                                 "after it."),
    "bpmn.mappings_refused": _l("The input/output mappings or pre/post-scripts of '%(element)s' are refused: "
                                "%(detail)s"),
    "bpmn.mapping_bad_name": _l("A mapping of '%(element)s' cannot become task data: '%(name)s' is not a Python "
                                "name (like amount)."),
    "bpmn.expression_refused": _l("'%(element)s': the expression '%(text)s' is refused: %(detail)s"),
    "bpmn.aftercare_too_deep": _l("'%(element)s' calls processes nested too deeply to follow its paths to the "
                                  "aftercare task; flatten the chain of call activities."),
    "bpmn.reassessment_no_new_needs": _l("No branch of the needs-reassessment gateway '%(gateway)s' other than the "
                                         "default ends in a message end event sending '%(sent)s'; add one so "
                                         "that new needs start a service needs assessment."),
    "bpmn.process_id_clash": _l("The id '%(id)s' of '%(element)s' is also a process or subprocess id in %(file)s; "
                                "process and subprocess ids must be unique across all deployed files."),
    "bpmn.recursive_call": _l("'%(element)s' makes a recursive call (%(chain)s), which would expand without end, "
                              "so a process may not call itself."),
    "bpmn.spiff": _l("SpiffWorkflow, which runs the processes, cannot read the model: %(detail)s"),
    "bpmn.not_executable": _l("No executable process: none of %(processes)s is marked executable; mark the process "
                              "executable (in Camunda Modeler: the 'Executable' checkbox) so that Palvelupolku can "
                              "run it."),
    "bpmn.dmn_empty": _l("This DMN file holds no decision; add a decision table or leave the file out."),
    "bpmn.decision_no_id": _l("The DMN decision '%(decision)s' has no id; a business rule task names a decision by "
                              "its id (camunda:decisionRef)."),
    "bpmn.decision_not_table": _l("The DMN decision '%(decision)s' is not a decision table; Palvelupolku evaluates "
                                  "only decision tables."),
    "bpmn.bad_id": _l("The element on line %(line)s has the id '%(id)s', which is not a valid BPMN id; ids are XML "
                      "names, without spaces or colons."),
    "bpmn.definition_no_id": _l("The definition on line %(line)s has no id, and SpiffWorkflow refuses a definition "
                                "without an id; give it one."),
    "bpmn.data_store": _l("'%(element)s' cannot be used: Palvelupolku has no data store implementation, so the "
                          "whole file would be refused; keep the data in task data instead."),
    "bpmn.correlation": _l("The correlation on line %(line)s picks messages by their data, which Palvelupolku does "
                           "not do: a message reaches the waiting instance of the customer it is sent for, by its "
                           "name. Remove the correlation and send the message for the right customer."),
    "bpmn.lane_stranger": _l("The lane '%(lane)s' lists '%(target)s', which is not an element of '%(container)s'; "
                             "remove it from the lane."),
    "bpmn.documentation": _l("The instructions of '%(element)s': %(detail)s"),
    "bpmn.listener": _l("'%(element)s' has a Camunda listener; Palvelupolku does not run listeners, so its work "
                        "would be skipped; move it into a script task."),
    "bpmn.async": _l("'%(element)s' asks for an asynchronous continuation (camunda:%(attribute)s); Palvelupolku "
                     "runs each step in the transaction of the step before it, so remove the setting."),
    "bpmn.retry_cycle": _l("'%(element)s' has camunda:failedJobRetryTimeCycle; Palvelupolku retries failed timers "
                           "on its own schedule and does not take this setting, so remove it."),
    "bpmn.flow_no_id": _l("The sequence flow on line %(line)s has no id; it would be silently dropped, so give it "
                          "one."),
    "bpmn.node_no_id": _l("The element on line %(line)s has no id, so the process cannot reach it; give it one."),
    "bpmn.flow_bad_ref": _l("The sequence flow '%(element)s' refers to '%(ref)s', which is not an element it can "
                            "connect to (none in this file, or across a subprocess border)."),
    "bpmn.reserved_id": _l("The id '%(id)s' of '%(element)s' clashes with SpiffWorkflow's internal task names; "
                           "rename the element."),
    "bpmn.loop_variable": _l("The camunda:%(attribute)s '%(value)s' of '%(element)s' must be the name of a task "
                             "data variable (a Python name like items)."),
    "bpmn.aftercare_bypass": _l("End event '%(end)s' can be reached from start event '%(start)s' without passing "
                                "the aftercare task %(tasks)s; route every path through the aftercare call before "
                                "the process ends."),
    "bpmn.aftercare_bypass_via": _l("End event '%(end)s' can be reached from start event '%(start)s' through "
                                    "boundary event '%(via)s' without passing the aftercare task %(tasks)s; route "
                                    "every path through the aftercare call before the process ends."),
    "bpmn.aftercare_dead_end": _l("'%(end)s' has no outgoing sequence flow, so the process ends there, and it can "
                                  "be reached from start event '%(start)s' without passing the aftercare task "
                                  "%(tasks)s; route every path through the aftercare call before the process ends."),
    "bpmn.aftercare_dead_end_via": _l("'%(end)s' has no outgoing sequence flow, so the process ends there, and it "
                                      "can be reached from start event '%(start)s' through boundary event "
                                      "'%(via)s' without passing the aftercare task %(tasks)s; route every path "
                                      "through the aftercare call before the process ends."),
    "bpmn.file_missing": _l("The file does not exist."),
    "bpmn.file_not_regular": _l("This is not a regular file."),
    "bpmn.file_too_large": _l("The file is %(size)s MB; BPMN files may be at most %(max)s MB."),
    "bpmn.file_unreadable": _l("The file cannot be read (%(detail)s)."),
    "bpmn.not_bpmn": _l("The file cannot be read as BPMN: %(detail)s"),
    "bpmn.language_missing": _l("Texts missing in %(language)s: %(count)s (name, instructions, field labels or "
                                "value names); add them in the element's texts."),
    "bpmn.context_unknown": _l("The user task '%(task)s' lists '%(item)s' in its context property, but no earlier "
                               "step records a field with that id and it is no earlier user task; check the id, or "
                               "remove it from the list."),
}
# Reminders and to-dos (engine.office.reminders.SENTENCES), read back from the stored English sentence.
NOTICES = {
    "notice.overdue": _l("%(task)s — %(customer)s (overdue since %(when)s)"),
    "notice.due": _l("%(task)s — %(customer)s (due %(when)s)"),
    "notice.portfolio_never": _l("Contact due: %(name)s in the portfolio '%(portfolio)s' (no earlier contact)"),
    "notice.portfolio": _l("Contact due: %(name)s in the portfolio '%(portfolio)s' (last contact %(last)s)"),
    "notice.agreed": _l("Agreed contact due: %(customer)s (agreed for %(when)s)"),
    "notice.handover": _l("Tell %(customer)s that you are now their responsible expert for %(process)s "
                          "(instance %(instance)s), taking over from %(old)s."),
}
# A migration dry run's reasons and notes (engine.runtime.migration.SENTENCES).
MIGRATION = {
    "migrate.subprocess_missing": _l("It runs the sub-process %(name)s, which the target version does not have."),
    "migrate.moved_subprocess": _l("Element %(element)s moved into or out of a sub-process in version "
                                   "%(version)s; such moves are refused."),
    "migrate.stands_missing": _l("It stands at %(element)s, which version %(version)s does not have; map it to "
                                 "an element of that version."),
    "migrate.passed_missing": _l("It already passed %(element)s, which version %(version)s does not have; map "
                                 "it to an element of that version."),
    "migrate.passed_dropped": _l("It already passed %(element)s, which version %(version)s does not have; its "
                                 "history keeps it."),
    "migrate.loop_collection": _l("The multi-instance task %(element)s runs over another collection or item in "
                                  "version %(version)s; it cannot change that while it runs."),
    "migrate.join_changed": _l("It waits at the join %(element)s, whose incoming branches differ in version "
                               "%(version)s; it would wait for a branch no token runs on, or miss one."),
    "migrate.fork_changed": _l("It is inside the branches of %(element)s, which splits differently in version "
                               "%(version)s; their join would wait for a branch no token runs on."),
    "migrate.type_changed": _l("Element %(element)s and %(new_element)s in version %(version)s are of different "
                               "types; an element cannot change its type."),
    "migrate.reached_differently": _l("It stands at %(element)s, which version %(version)s reaches differently "
                                      "(a preceding element or a boundary event changed around it)."),
    "migrate.not_same": _l("%(element)s would not stand the same way in version %(version)s."),
    "migrate.other_process": _l("Version %(version)s belongs to another process than %(process)s."),
    "migrate.already": _l("It already runs on version %(version)s."),
    "migrate.in_error": _l("It is in error; only running instances move (retry or cancel it first)."),
    "migrate.not_running": _l("It is %(status)s; only running instances move."),
    "migrate.state_refused": _l("The new version's definitions could not take its state (%(detail)s)."),
    "migrate.version_now": _l("It runs on version %(now)s now, not on %(expected)s."),
    "migrate.raced": _l("Others changed it at the same time %(times)s times; run the batch again."),
    "migrate.timer_changed": _l("Timer %(element)s changed; its due time is computed anew from now."),
    "migrate.now_waits": _l("%(element)s now waits for the message '%(name)s'."),
    "migrate.becomes": _l("%(element)s becomes %(new_element)s."),
    "migrate.changed_under": _l("%(element)s changed under it (%(changes)s); it continues with the definition "
                                "of version %(version)s."),
}
LANGUAGE_NAMES = {"fi": _l("Finnish"), "sv": _l("Swedish"), "en": _l("English")}

# Why a script or expression was refused (engine/runtime/scripting/checks.py CLAUSES), the end of a sentence
# such as "Line 2 of the script is not allowed: it ...", read back from the English by its template.
CLAUSE_TEXTS: dict[str, Any] = {
    "import": _l("imports a module, which is not allowed; now(), today(), date, datetime, timedelta and timezone "
                 "are available without an import"),
    "async": _l("uses `async` or `await`, which is not allowed"),
    "yield": _l("uses `yield`, which is not allowed; build a list instead"),
    "global": _l("uses `global`, which is not allowed; a plain assignment already stores a value in the task data"),
    "nonlocal": _l("uses `nonlocal`, which is not allowed"),
    "class": _l("defines a class, which is not allowed; use a dictionary for structured data"),
    "with": _l("uses `with`, which is not allowed"),
    "match": _l("uses `match`, which is not allowed; use if and elif instead"),
    "except_star": _l("uses `except*`, which is not allowed"),
    "annotation": _l("uses a type annotation, which is not allowed; write a plain assignment such as `x = 1`"),
    "syntax": _l("uses Python syntax that is not allowed here (%(syntax)s)"),
    "underscore_name": _l("uses `%(name)s`; names starting with an underscore are not allowed"),
    "underscore_attribute": _l("uses `.%(attribute)s`; attribute names starting with an underscore are not allowed"),
    "format": _l('calls `.%(attribute)s`, which is not allowed; use an f-string such as f"{name}" instead'),
    "attribute": _l("uses `.%(attribute)s`, which is not allowed"),
    "set_attribute": _l("sets the attribute `.%(attribute)s`, which is not allowed; keep values in the task data"),
    "finally": _l("uses `finally`, which is not allowed"),
    "except_type": _l("computes the error type of an `except`, which is not allowed; use names such as "
                      "`ValueError`"),
}


def _clause_pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts))


_CLAUSE_PATTERNS = {key: _clause_pattern(template) for key, template in CLAUSES.items()}


def clause_text(english: str) -> str:
    """A refusal's clause in the reader's language; the English one where it is none of the engine's."""
    for key, pattern in _CLAUSE_PATTERNS.items():
        found = pattern.fullmatch(english)
        if found is not None:
            return str(CLAUSE_TEXTS[key]) % found.groupdict()
    return english


MESSAGES: dict[str, Any] = {**ERRORS, **SPECIFIC, **HISTORY, **PROBLEMS, **NOTICES, **MIGRATION}
PEOPLE = {"user", "owner", "old", "new"}
NUMBERS = {"seconds", "limit", "size", "max"}      # written the English way by the engine ("0.9375", "8,000,000")


def text(code: str, params: Mapping[str, Any], fallback: str, texts: ModelTexts | None = None,
         element_id: str | None = None) -> str:
    """The sentence of `code` in the reader's language, its parameters as labels; else `fallback`."""
    note = ""
    if code.endswith("_note") and code not in MESSAGES:
        code, note = code.removesuffix("_note"), str(params.get("note", ""))
    template = MESSAGES.get(code)
    if template is None:
        return fallback
    if code.startswith(("audit.message_", "audit.start_by_message")) and "name" in params:
        params = {**params, "name": message_label(str(params["name"]), texts)}
    try:
        sentence = str(template) % _shown(params, texts, element_id)
    except (KeyError, ValueError, TypeError):
        return fallback
    return f"{sentence} {note}".strip()


def _shown(params: Mapping[str, Any], texts: ModelTexts | None, element_id: str | None) -> dict[str, Any]:
    shown = dict(params)
    lang = language()
    for key in PEOPLE & shown.keys():
        shown[key] = person(str(shown[key]))
    if "process" in shown:
        shown["process"] = process_name(str(shown["process"]))
    if "status" in shown:
        shown["status"] = str(STATUS_LABELS.get(str(shown["status"]), shown["status"]))
    if "clause" in shown:
        shown["clause"] = clause_text(str(shown["clause"]))
    if "language" in shown:
        shown["language"] = str(LANGUAGE_NAMES.get(str(shown["language"]), shown["language"]))
    for key in NUMBERS & shown.keys():
        try:
            shown[key] = str(format_decimal(round(float(str(shown[key]).replace(",", "")), 2)))
        except ValueError:
            pass
    element = str(params.get("element") or element_id or "")
    if texts is None and params.get("process") and element:
        texts = model_of(str(params["process"]))     # its newest model, read once per request
    if texts is not None and element:
        for key in ("task", "timer"):
            if key in shown:
                shown[key] = texts.name(element, lang, str(shown[key]))
    return shown


def error_text(exc: PalvelupolkuError) -> str:
    """An engine error in the reader's language (its English sentence where nothing better is known)."""
    english = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if language() == "en":
        return english      # the engine's own sentence: it says as much or more (element ids, counts)
    return text(exc.code, exc.params, english)


def history_text(entry: Any, texts: ModelTexts | None = None) -> str:
    """An audit entry (engine.runtime.views.HistoryEntry, or a diagram's dict) in the reader's language."""
    get = entry.get if isinstance(entry, Mapping) else lambda name, default=None: getattr(entry, name, default)
    code, params, message = get("code") or "", get("params") or {}, get("message") or ""
    if code in FREE_TEXT:
        return str(params.get(FREE_TEXT[code], message))
    error = (get("data") or {}).get("error") if code == "audit.message_failed" else None
    if isinstance(error, Mapping) and isinstance(error.get("code"), str):   # the refusal, said by its code
        params = {**params, "detail": text(error["code"], error.get("params") or {}, str(params.get("detail", "")))}
    return text(code, params, message, texts, get("element_id"))


def stopped_text(message: str | None) -> tuple[str, str]:
    """Why an instance stopped (its stored English `error_message`, which is also its last error's history
    sentence) in the reader's language, read back as the history reads it; and the `lang` to mark it with:
    "" when it is in the page's language, "en" when no template knew it and the engine's English stays."""
    code, params = audit.describe(AuditKind.ERROR.value, message or "")
    said = text(code, params, "") if code != f"audit.{AuditKind.ERROR.value}" else ""
    if said:
        return said, ""
    return message or "", "" if language() == "en" else "en"


def stopped_line(message: str | None, length: int = 0) -> Markup:
    """`stopped_text` as markup, marked with its language where that is not the page's; cut to `length`."""
    said, lang = stopped_text(message)
    shown = said if not length or len(said) <= length else said[:length - 1].rstrip() + "…"
    if lang:
        return Markup('<span lang="{}" title="{}">{}</span>').format(lang, said, shown) if shown != said \
            else Markup('<span lang="{}">{}</span>').format(lang, said)
    return Markup('<span title="{}">{}</span>').format(said, shown) if shown != said else Markup.escape(said)


def problem_text(problem: Any) -> str:
    """A validator problem's sentence in the reader's language (its English message where unknown)."""
    if language() == "en":
        return str(problem.message)
    return text(getattr(problem, "code", ""), getattr(problem, "params", {}), problem.message)


def notice_text(notification: Any) -> str:
    """A reminder or to-do (engine.models.Notification) in the reader's language."""
    code, params = reminders.describe(notification.text)
    if "task" in params:
        params = {**params, "task": _task_in_language(params["task"])}
    return text(code, params, notification.text) if code else str(notification.text)


def _task_in_language(finnish: str) -> str:
    """A reminder's task, stored by its Finnish name (the name the task row keeps), in the reader's language:
    the name of the first element of that Finnish name in the processes' newest models (read once per request)."""
    lang = language()
    if lang == "fi":
        return finnish
    found: dict[str, dict[str, str]] | None = g.get("task_names_by_finnish")
    if found is None:
        found = {}
        for key in process_names():
            texts = model_of(key)
            for by_lang in (texts.names.values() if texts is not None else ()):
                if by_lang.get("fi"):
                    found.setdefault(by_lang["fi"], by_lang)
        g.task_names_by_finnish = found
    return found.get(finnish, {}).get(lang) or finnish


def migration_text(sentence: str) -> str:
    """A dry run's reason or note in the reader's language."""
    code, params = migration.describe(sentence)
    return text(code, params, sentence) if code and language() != "en" else sentence


def init(app: Flask) -> None:
    app.jinja_env.globals.update(error_text=error_text, history_text=history_text, problem_text=problem_text,
                                 notice_text=notice_text, migration_text=migration_text, stopped_line=stopped_line)
