// The BPMN editor for process owners: bpmn-js Modeler with the properties panel and the Camunda 7
// moddle extension (form fields, extension properties, conditions, timers, messages, call activity
// targets), as a global for the server-rendered editor page (webui/static/editor.js):
//
//   const { modeler, warnings } = await window.PalvelupolkuModeler.open(canvas, panel, xml);
//
// open() renders `xml` into `canvas`, the properties panel into `panel`, fits the diagram and
// resolves to { modeler, warnings }; an import that fails rejects with an Error carrying `warnings`.
// The token simulation (bpmn-js-token-simulation) adds a toggle to play the model's paths in place.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import FixedScopeColorsModule from './scope-colors.js';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import { addControls } from './controls.js';

import './modeler.css';

// Groups of the Camunda 7 properties panel for what Palvelupolku does not execute (listeners,
// asynchronous continuations and job settings, input/output and connector mappings, Java delegates and
// external tasks, field injection, Java error mappings, history and tasklist settings): hidden, so an
// owner is never offered a setting that would silently do nothing. The validator refuses files that
// carry them anyway (engine/runtime/bpmn/elements.py, report.py).
const NOT_RUN = new Set([
  'CamundaPlatform__AsynchronousContinuations', 'CamundaPlatform__JobExecution',
  'CamundaPlatform__ExecutionListener', 'CamundaPlatform__TaskListener',
  'CamundaPlatform__Input', 'CamundaPlatform__Output',
  'CamundaPlatform__ConnectorInput', 'CamundaPlatform__ConnectorOutput',
  'CamundaPlatform__Implementation', 'CamundaPlatform__ExternalTask', 'CamundaPlatform__FieldInjection',
  'CamundaPlatform__Errors', 'CamundaPlatform__HistoryCleanup', 'CamundaPlatform__Tasklist',
  'CamundaPlatform__CandidateStarter',
]);

function OnlyWhatRunsProvider(propertiesPanel) {
  // the lowest priority: applied after the Camunda provider has added its groups
  propertiesPanel.registerProvider(1, this);
}
OnlyWhatRunsProvider.$inject = ['propertiesPanel'];
OnlyWhatRunsProvider.prototype.getGroups = function getGroups() {
  return (groups) => groups.filter((group) => !NOT_RUN.has(group.id));
};

const OnlyWhatRunsModule = {
  __init__: ['onlyWhatRunsProvider'],
  onlyWhatRunsProvider: ['type', OnlyWhatRunsProvider],
};

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

// The token simulation's on/off switch is a plain div: reachable by mouse only. Make it a switch the
// keyboard reaches (Tab) and operates (Enter, Space), which says whether it is on. Its text is English.
function keyboardToggle(modeler) {
  const toggle = modeler.get('canvas').getContainer().querySelector('.bts-toggle-mode');
  if (!toggle) return;
  toggle.setAttribute('role', 'switch');
  toggle.setAttribute('tabindex', '0');
  toggle.setAttribute('lang', 'en');
  toggle.setAttribute('aria-checked', 'false');
  modeler.get('eventBus').on('tokenSimulation.toggleMode', (event) => {
    toggle.setAttribute('aria-checked', String(event.active));
  });
  toggle.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle.click();
    }
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
      OnlyWhatRunsModule,
      TokenSimulationModule,   // "Token simulation" toggle: play the paths of the model before deploying
      FixedScopeColorsModule,  // after it: its scope colours, from a palette the CSP allows (scope-colors.js)
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
  try {
    const { warnings } = await modeler.importXML(xml);
    fitBesidePalette(modeler.get('canvas'));
    addControls(canvas, modeler.get('canvas'), () => fitBesidePalette(modeler.get('canvas')));
    keyboardToggle(modeler);
    return { modeler, warnings: plainWarnings(warnings) };
  } catch (err) {
    const error = new Error(`BPMN import failed: ${err.message}`);
    error.warnings = plainWarnings(err.warnings);
    modeler.destroy();
    throw error;
  }
}

window.PalvelupolkuModeler = { open, BpmnModeler };
