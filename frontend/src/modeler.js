// The BPMN editor for process owners: bpmn-js Modeler with the properties panel and the Camunda 7
// moddle extension (form fields, extension properties, conditions, timers, messages, call activity
// targets), as a global for the server-rendered editor page (webui/static/editor.js):
//
//   const { modeler, warnings } = await window.PalvelupolkuModeler.open(canvas, panel, xml);
//
// open() renders `xml` into `canvas`, the properties panel into `panel`, fits the diagram and
// resolves to { modeler, warnings }; an import that fails rejects with an Error carrying `warnings`.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

import './modeler.css';

function plainWarnings(warnings) {
  return (warnings || []).map((w) => ({
    message: String((w && w.message) || w),
    elementId: (w && w.element && w.element.id) || null,
  }));
}

// Fit the whole diagram, leaving the left edge to the palette so that no element hides under it.
function fitBesidePalette(canvas) {
  canvas.zoom('fit-viewport', 'auto');
  const box = canvas.viewbox();
  const { inner } = box;
  if (!inner || !inner.width) return;
  const outer = box.outer || { width: box.width * box.scale, height: box.height * box.scale };
  const palette = 110;
  const scale = Math.min((outer.width - palette - 20) / inner.width, (outer.height - 40) / inner.height, 1);
  canvas.viewbox({
    x: inner.x - palette / scale,
    y: inner.y - 20 / scale,
    width: outer.width / scale,
    height: outer.height / scale,
  });
}

async function open(canvas, panel, xml) {
  const modeler = new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
  try {
    const { warnings } = await modeler.importXML(xml);
    fitBesidePalette(modeler.get('canvas'));
    return { modeler, warnings: plainWarnings(warnings) };
  } catch (err) {
    const error = new Error(`BPMN import failed: ${err.message}`);
    error.warnings = plainWarnings(err.warnings);
    modeler.destroy();
    throw error;
  }
}

window.PalvelupolkuModeler = { open, BpmnModeler };
