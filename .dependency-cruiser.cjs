/**
 * The layering rule, checked in `npm test` (`npm run lint:deps`): dependencies point one way,
 * entrypoints/ -> components/ -> lib/, and never in a circle. Type-only imports count (a type cycle is a
 * cycle). `npm run deps:graph` prints the graph between folders.
 *
 * Tests (*.test.ts, *.test.tsx) may reach into lib/background to drive the real service (component tests
 * of the availability page and the catalogue); every other rule holds for them too.
 */
const TEST = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others: split out what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'entrypoints-are-leaves',
      severity: 'error',
      comment: 'Entrypoints wire things together; nothing imports them.',
      from: { pathNot: '^entrypoints/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'lib-not-to-components',
      severity: 'error',
      comment: 'lib/ is logic without UI: pass what a component needs in from the entrypoint (see lib/gmail/mount.ts).',
      from: { path: '^lib/' },
      to: { path: '^components/' },
    },
    {
      name: 'background-only-from-its-entrypoint',
      severity: 'error',
      comment:
        'lib/background runs in the service worker only. Pages and the content script talk to it through ' +
        'lib/contract (the message map, its clients and the shared types).',
      from: { path: '^(lib|components|entrypoints)/', pathNot: ['^lib/background/', '^entrypoints/background\\.ts$', TEST] },
      to: { path: '^lib/background/' },
    },
    {
      name: 'contract-is-shared',
      severity: 'error',
      comment: 'lib/contract is imported by every context, so it depends on nothing context-specific.',
      from: { path: '^lib/contract/' },
      to: { path: '^lib/(background|gmail)/' },
    },
    {
      name: 'no-test-support-in-the-product',
      severity: 'error',
      comment: 'The shipped extension has no test-only code path: product code never imports e2e/ support.',
      from: { path: '^(lib|components|entrypoints)/', pathNot: TEST },
      to: { path: '^e2e/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt|demo-output|bench-output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    webpackConfig: { fileName: '.dependency-cruiser.resolve.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
      dot: { collapsePattern: '^(node_modules/(@[^/]+/)?[^/]+|entrypoints/[^/.]+|components/[^/.]+|lib/[^/.]+)' },
    },
  },
};
