/** Worker thread: renders and encodes the items the pool hands it (two at a time, interleaved). */
import { parentPort } from 'node:worker_threads';
import { generateItem } from './item.js';
import type { WorkReply, WorkRequest } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread of pool.ts');

port.on('message', (request: WorkRequest) => {
  generateItem(request.spec, request.outDir, request.ffmpeg).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkReply),
  );
});
