import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // Workers are separate entries emitted beside index.js (see src/workers/inference/spawn-worker.ts).
        input: {
          index: resolve('src/main/electron/index.ts'),
          // The core's host process (utilityProcess), see src/main/electron/core-host.ts.
          'core-host': resolve('src/main/electron/core-host-entry.ts'),
          'inference-worker': resolve('src/workers/inference/worker.ts'),
          'flow-worker': resolve('src/workers/flow/worker.ts'),
          'pose-worker': resolve('src/workers/pose/worker.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require npm modules: bundle everything it imports (it imports only
    // the contract's channel names).
    build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs' } } },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
