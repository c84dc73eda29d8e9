// The process owners' BPMN editor page (processes/edit.html): opens the model in the modeler
// bundle and wires the toolbar. Check, Save draft and Deploy POST the XML to the server (which
// validates with the same rules as `palvelupolku validate`), with the page's CSRF token in the
// X-CSRFToken header; problems are drawn on the diagram at their elements and listed below it.
"use strict";
(function () {
  const root = document.getElementById("editor");
  if (!root || !window.PalvelupolkuModeler) return;
  const data = root.dataset;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById("editor-status");
  const list = document.getElementById("problems");
  const section = document.getElementById("problems-section");
  let modeler = null;
  let dirty = false;
  let marked = [];

  function say(text, kind) {
    status.textContent = text;
    status.className = "editor-status" + (kind ? " " + kind : "");
  }

  async function currentXml() {
    const { xml } = await modeler.saveXML({ format: true });
    return xml;
  }

  async function post(url, xml) {
    const response = await fetch(url, {
      method: "POST", body: xml, credentials: "same-origin",
      headers: { "Content-Type": "application/xml", "X-CSRFToken": csrf, "Accept": "application/json" },
    });
    const body = await response.json().catch(() => ({ error: response.status + " " + response.statusText }));
    return { ok: response.ok, body };
  }

  function clearProblems() {
    const canvas = modeler.get("canvas");
    modeler.get("overlays").remove({ type: "problem" });
    marked.forEach((id) => canvas.removeMarker(id, "has-problem"));
    marked = [];
    list.replaceChildren();
    section.hidden = true;
  }

  // The shape that shows element `id`: itself, or for a process the pool (participant) holding it.
  function shapeFor(id) {
    if (!id) return null;
    const registry = modeler.get("elementRegistry");
    const element = registry.get(id);
    if (element && element.parent) return element;
    const pools = registry.filter((e) => e.businessObject && e.businessObject.processRef &&
      e.businessObject.processRef.id === id);
    return pools[0] || null;
  }

  function selectElement(id) {
    const element = shapeFor(id);
    if (!element) return;
    modeler.get("selection").select(element);
    const canvas = modeler.get("canvas");
    if (element.waypoints || element.x !== undefined) canvas.scrollToElement(element);
  }

  function showProblems(problems) {
    clearProblems();
    if (!problems.length) return;
    const canvas = modeler.get("canvas");
    const overlays = modeler.get("overlays");
    const byElement = new Map();
    problems.forEach((p) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "text-button problem" + (p.warning ? " warning" : "");
      button.textContent = (p.warning ? data.msgWarning + " " : "") + (p.element_id ? p.element_id + ": " : "") + p.message;
      button.addEventListener("click", () => selectElement(p.element_id));
      item.append(button);
      list.append(item);
      const element = shapeFor(p.element_id);
      // a warning (a text missing in a language) is listed, not drawn: it does not stop a deploy
      if (element && !p.warning) byElement.set(element.id, [...(byElement.get(element.id) || []), p.message]);
    });
    byElement.forEach((messages, id) => {
      canvas.addMarker(id, "has-problem");
      marked.push(id);
      const badge = document.createElement("div");
      badge.className = "problem-badge";
      badge.title = messages.join("\n");
      badge.textContent = "! " + messages[0].slice(0, 60) + (messages[0].length > 60 ? "…" : "");
      badge.addEventListener("click", () => selectElement(id));
      overlays.add(id, "problem", { position: { top: -24, left: 0 }, html: badge });
    });
    section.hidden = false;
  }

  async function check() {
    say(data.msgChecking);
    const { ok, body } = await post(data.checkUrl, await currentXml());
    if (!ok) return say(data.msgFailed + " " + (body.error || ""), "error");
    showProblems(body.problems);
    if (body.errors) say(data.msgProblems + " " + body.errors, "error");
    else if (body.warnings) say(data.msgValidWarnings + " " + body.warnings, "success");
    else say(data.msgValid, "success");
  }

  async function saveDraft() {
    say(data.msgSaving);
    const { ok, body } = await post(data.draftUrl, await currentXml());
    if (!ok) {
      showProblems(body.problems || []);
      return say(data.msgFailed + " " + (body.error || ""), "error");
    }
    dirty = false;
    say(data.msgSaved, "success");
  }

  async function deploy() {
    say(data.msgDeploying);
    const { ok, body } = await post(data.deployUrl, await currentXml());
    if (!ok) {
      showProblems(body.problems || []);
      return say(body.error || data.msgFailed, "error");
    }
    dirty = false;
    window.location.assign(body.url);
  }

  // Deploy asks first: the changes against the newest version (the compare view), then deploys on confirm.
  async function confirmDeploy() {
    const { ok, body } = await post(data.changesUrl, await currentXml());
    if (!ok) return say(data.msgFailed + " " + (body.error || ""), "error");
    const rows = body.changes.map((c) => {
      const row = document.createElement("tr");
      row.className = "change-" + c.change;
      const what = document.createElement("td");
      what.textContent = c.change_label;
      const element = document.createElement("td");
      element.textContent = (c.name || c.element_id) + " (" + c.element_id + ")";
      const details = document.createElement("td");
      details.textContent = c.details.join("; ");
      row.append(what, element, details);
      return row;
    });
    document.getElementById("deploy-confirm-changes").replaceChildren(...rows);
    document.getElementById("deploy-confirm-summary").textContent =
      body.newest === null ? data.msgNewProcess : (rows.length ? "" : data.msgNoChanges);
    document.getElementById("deploy-confirm").showModal();
  }

  async function download() {
    const blob = new Blob([await currentXml()], { type: "application/xml" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function guard(action, button) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await action();
      } catch (err) {
        say(data.msgFailed + " " + err.message, "error");
      } finally {
        button.disabled = false;
      }
    });
  }

  async function start() {
    say(data.msgLoading);
    const response = await fetch(data.sourceUrl, { credentials: "same-origin" });
    const xml = await response.text();
    if (!response.ok) return say(data.msgLoadFailed + " " + response.status, "error");
    try {
      ({ modeler } = await window.PalvelupolkuModeler.open(
        document.getElementById("canvas"), document.getElementById("properties"), xml));
    } catch (err) {
      return say(data.msgLoadFailed + " " + err.message, "error");
    }
    say(status.dataset.initial || "");
    modeler.on("commandStack.changed", () => { dirty = true; });
    guard(check, document.getElementById("btn-check"));
    guard(saveDraft, document.getElementById("btn-draft"));
    guard(confirmDeploy, document.getElementById("btn-deploy"));
    const dialog = document.getElementById("deploy-confirm");
    guard(async () => { dialog.close(); await deploy(); }, document.getElementById("btn-deploy-confirm"));
    document.getElementById("btn-deploy-cancel").addEventListener("click", () => dialog.close());
    guard(download, document.getElementById("btn-download"));
    root.classList.add("ready");
  }

  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = data.msgUnsaved;
    }
  });
  status.dataset.initial = status.textContent.trim();
  start();
})();
