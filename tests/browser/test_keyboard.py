"""The expert's core flow with the keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7, 4.1.3): sign in, find a
group task, claim it, send its form with an error, fix it, complete it, hand another task over. After
every key the focus is on an element (never lost to <body>) and visibly marked (an outline or a box
shadow from :focus-visible); the messages that follow an action are in a role=status region."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import shot

FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { lost: true };
  const s = getComputedStyle(e);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadowed = s.boxShadow && s.boxShadow !== 'none';
  return { lost: false, visible: outlined || shadowed, what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
           + ' ' + (e.getAttribute('href') || e.textContent || e.getAttribute('name') || '').trim().slice(0, 60) };
}"""


def press(page: Any, key: str) -> dict[str, Any]:
    page.keyboard.press(key)
    state: dict[str, Any] = page.evaluate(FOCUS)
    assert not state["lost"], f"focus went to <body> after {key}"
    assert state["visible"], f"focus is not visible on {state['what']} after {key}"
    return state


def tab_to(page: Any, matches: str, limit: int = 120) -> dict[str, Any]:
    """Tab forward until the focused element matches the CSS selector; every stop checked on the way."""
    for _ in range(limit):
        state = press(page, "Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", matches):
            return state
    raise AssertionError(f"{limit} presses of Tab never reached {matches}")


def enter_and_wait(page: Any, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def status_text(page: Any) -> str:
    return " ".join(page.locator("[role=status]").all_inner_texts())


def fill_form_by_keyboard(page: Any) -> None:
    """From the focused first control of the task form to its Complete button, giving each control a
    plausible value with the keys a person would press."""
    for _ in range(80):
        kind = page.evaluate("""() => { const e = document.activeElement;
            if (e.matches('button')) return 'button';
            if (e.matches('input[type=radio]')) return 'radio';
            if (e.matches('select')) return 'select';
            if (e.matches('input.date')) return 'date';
            if (e.matches('input[type=number]')) return 'number';
            return e.value ? 'filled' : 'text'; }""")
        if kind == "button":
            return
        if kind == "radio":
            page.keyboard.press("Space")
        elif kind == "select":
            before = page.evaluate("document.activeElement.value")
            if not before:
                page.keyboard.press("ArrowDown")
                assert page.evaluate("document.activeElement.value"), "ArrowDown chose no option"
        elif kind == "date":
            page.keyboard.press("Control+A")
            page.keyboard.type("26.11.2026")
        elif kind == "number":
            page.keyboard.press("Control+A")
            page.keyboard.type("5")
        elif kind == "text":
            page.keyboard.type("Sovittu puhelimessa")
        press(page, "Tab")
    raise AssertionError("the form's Complete button was never reached")


def test_expert_core_flow_with_the_keyboard_only(page: Any, server: str) -> None:
    page.goto(f"{server}/login")
    # the username field takes the focus by itself (autofocus); typing before it has would type into nothing
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'", timeout=5000)
    page.keyboard.type("ely")
    press(page, "Tab")
    page.keyboard.type("ely-demo-pass")
    enter_and_wait(page)
    assert re.search(r"aria-current=\"page\"[^>]*>\s*(My groups|Ryhmieni)|tab=group[^\"]*\" aria-current",
                     page.content()), "the inbox opens on the groups' tab, where ely's work is"

    # find a task and open it
    tab_to(page, "#inbox table a[href*='/tasks/']")
    enter_and_wait(page)
    assert "Not claimed yet" in page.inner_text("#task-state")
    shot(page, "keyboard-task-unclaimed")

    # claim it: the page says so in a status region
    tab_to(page, "#task-state button")
    enter_and_wait(page)
    assert "claimed" in status_text(page).lower()
    assert "Claimed by you" in page.inner_text("#task-state")

    # send the form empty: the error summary takes the focus
    tab_to(page, "form.task-form button.primary")
    enter_and_wait(page)
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), "the summary has the focus"
    shot(page, "keyboard-task-errors")

    # fix: the first error link leads to its field; fill the form from the first field, then complete
    # (an answer can make another field required, as "yes" does for the fields it asks about: a person
    # then follows the summary's first link again)
    for _ in range(3):
        tab_to(page, ".error-summary a")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.closest('form.task-form') !== null"), "the link focused its field"
        fill_form_by_keyboard(page)
        enter_and_wait(page)
        if not page.locator(".error-summary").count():
            break
    assert "completed" in status_text(page).lower(), status_text(page)

    # hand over: claim another group task, then pass it on with a note
    tab_to(page, "a[href*='tab=group']")
    enter_and_wait(page)
    tab_to(page, "#inbox table a[href*='/tasks/']")
    enter_and_wait(page)
    tab_to(page, "#task-state button")
    enter_and_wait(page)
    tab_to(page, "details summary")
    press(page, "Enter")
    tab_to(page, "#to_user")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#note")
    page.keyboard.type("Asiakkaalle kerrottu puhelimessa.")
    tab_to(page, "details form button")
    enter_and_wait(page)
    assert "handed over" in status_text(page).lower(), status_text(page)
