// Progressive enhancement: forms marked data-inline post in the background and the inbox
// refreshes in place; without JavaScript the same forms post and redirect.
"use strict";
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-inline")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    const body = await response.json().catch(() => ({ message: response.statusText }));
    announce(body.message, response.ok ? "success" : "error");
    await refresh();
  } finally {
    if (button) button.disabled = false;
  }
});

async function refresh() {
  const box = document.getElementById("inbox");
  if (!box) return;
  const response = await fetch(box.dataset.refresh, { credentials: "same-origin" });
  if (response.ok) box.innerHTML = await response.text();
}

function announce(message, kind) {
  let area = document.querySelector(".flashes");
  if (!area) {
    area = document.createElement("div");
    area.className = "flashes";
    area.setAttribute("role", "status");
    document.getElementById("main").prepend(area);
  }
  const p = document.createElement("p");
  p.className = `flash ${kind}`;
  p.textContent = message || "";
  area.replaceChildren(p);
}

// A page answering a POST (a form sent back with its errors): make its history entry a plain GET of
// the same address, so Back and Reload never ask to send the form again.
if (document.body.hasAttribute("data-answered-post") && window.history.replaceState) {
  window.history.replaceState(null, "", window.location.href);
}

// A form sent back with errors: its summary takes the focus, and each of its links moves the focus to
// its field (a fragment link alone only scrolls).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
});
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest(".error-summary a[href^='#']");
  if (!link) return;
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  event.preventDefault();
  const control = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
  (control || target).focus();
});

// Wide tables scroll in a region of their own (WCAG 1.4.10 reflow): the page itself never scrolls
// sideways at 320 px. The region is focusable, so a keyboard can scroll it, and named after the
// table's caption or the heading above it. Without JavaScript a wide table still scrolls the page.
function labelFor(table) {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  let node = table;
  while (node && node !== document.body) {
    let sibling = node.previousElementSibling;
    while (sibling) {
      const heading = sibling.matches("h1, h2, h3") ? sibling : sibling.querySelector("h1, h2, h3");
      if (heading && heading.textContent.trim()) return heading.textContent.trim();
      sibling = sibling.previousElementSibling;
    }
    node = node.parentElement;
  }
  return document.title;
}

function wrapTables(root) {
  root.querySelectorAll("main table").forEach((table) => {
    if (table.parentElement.classList.contains("table-scroll")) return;
    const region = document.createElement("div");
    region.className = "table-scroll";
    region.setAttribute("role", "region");
    region.tabIndex = 0;
    region.setAttribute("aria-label", labelFor(table));
    table.replaceWith(region);
    region.append(table);
  });
}
document.addEventListener("DOMContentLoaded", () => {
  wrapTables(document);
  const inbox = document.getElementById("inbox");
  if (inbox) new MutationObserver(() => wrapTables(inbox)).observe(inbox, { childList: true });
});

// A contact person picked from the customer card fills the contact-person field; "new" empties it for typing.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.dataset.fills) return;
  const input = document.getElementById(select.dataset.fills);
  if (!input) return;
  input.value = select.value;
  if (!select.value) input.focus();
});
