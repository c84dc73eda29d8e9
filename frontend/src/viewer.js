// The read-only BPMN diagram viewer (pan and zoom), as a global for the server-rendered pages:
//
//   const { warnings } = await window.PalvelupolkuViewer.open(container, xml);
//
// open() renders `xml` into `container` (an element with a size), fits it to the container and
// resolves to { viewer, warnings }; each warning is { message, elementId }. A file that cannot be
// imported rejects with an Error whose `warnings` holds the same. Opening again into the same
// container replaces the diagram shown there.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import { addControls } from './controls.js';
import './viewer.css';

const viewers = new WeakMap();

function plainWarnings(warnings) {
  return (warnings || []).map((w) => ({
    message: String((w && w.message) || w),
    elementId: (w && w.element && w.element.id) || null,
  }));
}

async function open(container, xml) {
  if (!(container instanceof Element)) {
    throw new TypeError('PalvelupolkuViewer.open: container must be a DOM element');
  }
  let viewer = viewers.get(container);
  if (!viewer) {
    viewer = new NavigatedViewer({ container });
    viewers.set(container, viewer);
  }
  try {
    const { warnings } = await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport', 'auto');
    addControls(container, viewer.get('canvas'));
    return { viewer, warnings: plainWarnings(warnings) };
  } catch (err) {
    const error = new Error(`BPMN import failed: ${err.message}`);
    error.warnings = plainWarnings(err.warnings);
    throw error;
  }
}

function close(container) {
  const viewer = viewers.get(container);
  if (viewer) {
    viewer.destroy();
    viewers.delete(container);
  }
}

window.PalvelupolkuViewer = { open, close, NavigatedViewer };
