// The migration page's two diagrams (dist/viewer.js): the old version on the left with the elements
// that have no place in the new version marked; selecting an element on the left and then one on the
// right chooses it in the mapping table (the same plain form works without this script).
"use strict";
(function () {
  if (!window.PalvelupolkuViewer) return;
  let chosen = null;

  async function open(container) {
    const response = await fetch(container.dataset.url, {
      credentials: "same-origin", headers: { "Accept": "application/json" },
    });
    if (!response.ok) throw new Error(response.status + " " + response.statusText);
    const { viewer } = await window.PalvelupolkuViewer.open(container, (await response.json()).xml);
    return viewer;
  }

  function select(id) {
    return document.getElementById("map-" + id);
  }

  async function start() {
    const old = document.getElementById("migrate-old");
    const target = document.getElementById("migrate-new");
    if (!old || !target) return;
    const [left, right] = await Promise.all([open(old), open(target)]);
    const canvas = left.get("canvas");
    (old.dataset.unmapped || "").split(" ").filter(Boolean).forEach((id) => {
      if (left.get("elementRegistry").get(id)) canvas.addMarker(id, "unmapped");
    });
    left.on("element.click", (event) => {
      if (chosen) canvas.removeMarker(chosen, "chosen");
      chosen = select(event.element.id) ? event.element.id : null;
      if (chosen) canvas.addMarker(chosen, "chosen");
    });
    right.on("element.click", (event) => {
      const field = chosen && select(chosen);
      if (!field || ![...field.options].some((o) => o.value === event.element.id)) return;
      field.value = event.element.id;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    old.classList.add("ready");
    target.classList.add("ready");
  }

  start().catch((err) => {
    document.querySelectorAll(".migrate-diagrams .diagram").forEach((c) => {
      const note = document.createElement("p");
      note.className = "error";
      note.textContent = err.message;
      c.replaceChildren(note);
    });
  });
})();
