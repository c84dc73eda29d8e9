// The token simulation colours each scope (a token's path) with one of 60 random colours and writes the
// colour into inline style attributes. The editor's CSP allows inline styles only by hash, so the
// colours come from this fixed palette instead, and webui/processes.py allows exactly the styles they
// make (EDITOR_CSP). Same service name as the simulation's own, so this one replaces it.

const SCOPE_CREATE_EVENT = 'tokenSimulation.simulator.createScope';
const HIGH_PRIORITY = 1500;

// Keep in step with SCOPE_COLORS in webui/processes.py (white text on each, contrast >= 4.5:1).
export const PALETTE = [ '#1f5f99', '#a93226', '#1e7145', '#6c3483', '#8a5a00', '#0e6655' ];
export const MESSAGE_FLOW = { primary: '#595959', auxiliary: '#fff' };

function FixedScopeColors(eventBus) {
  let next = 0;

  function colorsOf(scope) {
    if (scope.element && scope.element.type === 'bpmn:MessageFlow') {
      return MESSAGE_FLOW;
    }
    if (scope.parent) {
      return scope.parent.colors;
    }
    const primary = PALETTE[next++ % PALETTE.length];
    return { primary, auxiliary: '#fff' };
  }

  eventBus.on(SCOPE_CREATE_EVENT, HIGH_PRIORITY, (event) => {
    event.scope.colors = colorsOf(event.scope);
  });
}

FixedScopeColors.$inject = [ 'eventBus' ];

export default {
  __init__: [ 'coloredScopes' ],
  coloredScopes: [ 'type', FixedScopeColors ],
};
