// Zoom in, zoom out and fit buttons over a diagram, and keyboard panning (arrow keys; + and - zoom,
// 0 fits) while the focus is in it. The buttons' names come from the page (#ui-labels, in the page's
// language); the English here is only a fallback for a page without them.
const FALLBACK = { zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit to view', controls: 'Diagram view' };
const ICONS = {
  zoomIn: '<path d="M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M11 8v6M8 11h6"/>',
  zoomOut: '<path d="M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6"/>',
  fit: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
};
const STEP = 80;   // px of panning per arrow key

function labels() {
  const node = document.getElementById('ui-labels');
  try {
    return { ...FALLBACK, ...(node ? JSON.parse(node.textContent) : {}) };
  } catch (err) {
    return FALLBACK;
  }
}

export function addControls(container, canvas, fit = () => canvas.zoom('fit-viewport', 'auto')) {
  if (container.querySelector(':scope > .diagram-controls')) return;
  const text = labels();
  const bar = document.createElement('div');
  bar.className = 'diagram-controls';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', text.controls);
  const zoomBy = (factor) => canvas.zoom(Math.min(4, Math.max(0.2, canvas.zoom() * factor)));
  const actions = { zoomIn: () => zoomBy(1.25), zoomOut: () => zoomBy(0.8), fit };
  Object.entries(actions).forEach(([key, action]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.title = text[key];
    button.setAttribute('aria-label', text[key]);
    button.innerHTML = `<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20" fill="none"
      stroke="currentColor" stroke-width="2" stroke-linecap="round">${ICONS[key]}</svg>`;
    button.addEventListener('click', action);
    bar.append(button);
  });
  container.append(bar);
  if (!container.hasAttribute('tabindex')) container.tabIndex = 0;   // a keyboard reaches it to pan
  container.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest('input, textarea, select, [contenteditable], .diagram-controls')) return;
    const moves = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
    if (moves[event.key]) {
      const [dx, dy] = moves[event.key];
      canvas.scroll({ dx, dy });
    } else if (event.key === '+' || event.key === '=') {
      actions.zoomIn();
    } else if (event.key === '-') {
      actions.zoomOut();
    } else if (event.key === '0') {
      fit();
    } else {
      return;
    }
    event.preventDefault();
  });
}
