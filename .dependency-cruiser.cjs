/**
 * The import graph's rules (issue 16): no cycles, and every arrow points down the layers
 *   shared  <-  workers  <-  main/core  <-  main/{cli,web,electron}
 *   shared  <-  renderer (talks to main only through the API contract)
 * Run by `npm run lint` (`npm run lint:deps` alone). ESLint's no-restricted-imports repeats the
 * layer rules so editors flag them as you type; this is the check that also sees cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and every module in it a single unit; move the shared piece down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment: 'src/shared is the bottom layer (types, schemas, pure helpers used on both sides).',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'workers-import-only-shared',
      severity: 'error',
      comment:
        'A worker imports shared, its own folder and src/workers/common (starting a worker thread, onnxruntime sessions: ' +
        'Node-only pieces every worker needs, which cannot live in shared because the renderer compiles shared too).',
      from: { path: '^src/workers/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/workers/$1/', '^src/workers/common/'] },
    },
    {
      name: 'renderer-imports-only-shared',
      severity: 'error',
      comment: 'The renderer talks to main only through the API contract in src/shared.',
      from: { path: '^src/renderer/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/renderer/'] },
    },
    {
      name: 'core-never-imports-hosts',
      severity: 'error',
      comment: 'The core is used by every host (CLI, web, Electron); it never reaches back up into one.',
      from: { path: '^src/main/core/' },
      to: { path: '^src/main/(cli|web|electron)/' },
    },
    {
      name: 'models-below-analysis',
      severity: 'error',
      comment: 'The engine uses the model registry, not the reverse (shared feed sizes: core/models/feed-geometry.ts).',
      from: { path: '^src/main/core/models/' },
      to: { path: '^src/main/core/analysis/' },
    },
    {
      name: 'preload-imports-only-shared',
      severity: 'error',
      comment: 'The sandboxed preload bundles what it imports: only the contract channel names.',
      from: { path: '^src/preload/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/preload/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^\\.cache/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
