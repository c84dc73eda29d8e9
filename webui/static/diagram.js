// Diagrams with marks, on top of the viewer bundle (dist/viewer.js):
// * #heatmap (a process version's page): per element, instances waiting there now and that passed;
// * #instance-diagram (a manager's instance page): completed / active / waiting / error elements,
//   the taken sequence flows, and an element's history on click or from the keyboard list.
"use strict";
(function () {
  if (!window.PalvelupolkuViewer) return;

  async function load(container) {
    const response = await fetch(container.dataset.url, {
      credentials: "same-origin", headers: { "Accept": "application/json" },
    });
    if (!response.ok) throw new Error(response.status + " " + response.statusText);
    const body = await response.json();
    const { viewer } = await window.PalvelupolkuViewer.open(container, body.xml);
    return { body, viewer };
  }

  function fail(container, err) {
    const note = document.createElement("p");
    note.className = "error";
    note.textContent = (container.dataset.msgFailed || "The diagram could not be shown:") + " " + err.message;
    container.replaceChildren(note);
  }

  function count(kind, value, label) {
    const span = document.createElement("span");
    span.className = "count " + kind;
    span.textContent = String(value);
    span.title = value + " " + label;
    return span;
  }

  async function heatmap(container) {
    const { body, viewer } = await load(container);
    const registry = viewer.get("elementRegistry");
    const overlays = viewer.get("overlays");
    Object.entries(body.counts).forEach(([id, c]) => {
      if (!registry.get(id)) return;
      const box = document.createElement("div");
      box.className = "heat-badges";
      if (c.waiting) box.append(count("waiting", c.waiting, container.dataset.labelWaiting));
      if (c.passed) box.append(count("passed", c.passed, container.dataset.labelPassed));
      overlays.add(id, "heat", { position: { top: -10, right: 10 }, html: box });
    });
    container.classList.add("ready");
  }

  function when(iso) {
    const lang = { en: "en-GB", sv: "sv-FI" }[document.documentElement.lang] || "fi-FI";
    return new Date(iso).toLocaleString(lang, {
      timeZone: "Europe/Helsinki", dateStyle: "short", timeStyle: "short",
    });
  }

  function showHistory(panel, labels, id, name, entries) {
    const heading = document.createElement("h3");
    heading.textContent = name || id;     // the element's name in the page's language; its id only if unnamed
    const children = [heading];
    if (!entries || !entries.length) {
      const none = document.createElement("p");
      none.className = "muted";
      none.textContent = labels.noHistory;
      children.push(none);
    } else {
      const list = document.createElement("ol");
      list.className = "history";
      entries.forEach((e) => {
        const item = document.createElement("li");
        const line = document.createElement("p");
        line.textContent = when(e.at) + " · " + (labels["kind_" + e.kind] || e.kind) + " · " + e.actor;
        item.append(line);
        // the server sends the data as (label, value as the form shows it) pairs in the page's language
        const data = e.items || Object.entries(e.data || {}).filter(([, v]) => v !== null && v !== "" && typeof v !== "object");
        if (data.length) {
          const dl = document.createElement("dl");
          dl.className = "data";
          data.forEach(([k, v]) => {
            const dt = document.createElement("dt");
            dt.textContent = k;
            const dd = document.createElement("dd");
            dd.textContent = String(v);
            dl.append(dt, dd);
          });
          item.append(dl);
        }
        list.append(item);
      });
      children.push(list);
    }
    panel.replaceChildren(...children);
  }

  async function instanceDiagram(container) {
    const { body, viewer } = await load(container);
    const registry = viewer.get("elementRegistry");
    const canvas = viewer.get("canvas");
    const labels = JSON.parse(document.getElementById("diagram-labels").textContent);
    const panel = document.getElementById("element-history");
    const list = document.getElementById("element-states");
    const nameOf = (id) => {
      if (body.names && body.names[id]) return body.names[id];   // the element's name in the page's language
      const element = registry.get(id);
      return (element && element.businessObject && element.businessObject.name) || "";
    };
    // the list in the order the elements were reached (first history entry), the rest by name
    const firstAt = (id) => ((body.history[id] || [])[0] || {}).at || "~";
    const reached = Object.entries(body.elements).sort(([a], [b]) =>
      firstAt(a).localeCompare(firstAt(b)) || (nameOf(a) || a).localeCompare(nameOf(b) || b));
    reached.forEach(([id, state]) => {
      if (registry.get(id)) canvas.addMarker(id, "state-" + state);
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "text-button";
      button.dataset.element = id;
      button.textContent = (nameOf(id) || id) + " — " + (labels["state_" + state] || state);
      button.addEventListener("click", () => {
        showHistory(panel, labels, id, nameOf(id), body.history[id]);
        if (registry.get(id)) viewer.get("selection").select(registry.get(id));
      });
      item.append(button);
      list.append(item);
    });
    body.flows.forEach((id) => { if (registry.get(id)) canvas.addMarker(id, "flow-taken"); });
    viewer.on("element.click", (event) => {
      const id = event.element.id;
      if (event.element.type === "bpmn:Process" || event.element.type === "bpmn:Collaboration") return;
      showHistory(panel, labels, id, nameOf(id), body.history[id]);
    });
    container.classList.add("ready");
  }

  const heat = document.getElementById("heatmap");
  if (heat) heatmap(heat).catch((err) => fail(heat, err));
  const instance = document.getElementById("instance-diagram");
  if (instance) instanceDiagram(instance).catch((err) => fail(instance, err));
})();
