/**
 * worker_threads entry: computes Farneback flow off the main thread (see protocol.ts for the
 * messages and client.ts for the side that starts it). OpenCV.js is single-threaded, so one
 * worker is one core's worth of flow.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, serializeError } from '../../shared/errors.js';
import { createFlowComputer, type FlowComputer } from './farneback.js';
import type { FlowRequest, FlowResponse } from './protocol.js';

if (!parentPort) throw new Error('src/workers/flow/worker.ts must run as a worker thread.');
const port = parentPort;

let computer: FlowComputer | null = null;
// Requests are handled one at a time, in arrival order, even though 'init' awaits OpenCV's loading.
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: FlowRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: FlowRequest): Promise<void> {
  try {
    const reply = await respond(request);
    port.postMessage(reply, reply.type === 'flows' ? [reply.flows.buffer as ArrayBuffer] : []);
  } catch (error) {
    const reply: FlowResponse = { type: 'error', seq: request.seq, error: serializeError(error) };
    port.postMessage(reply);
  }
}

async function respond(request: FlowRequest): Promise<FlowResponse> {
  switch (request.type) {
    case 'init':
      computer?.dispose();
      computer = null;
      computer = await createFlowComputer(request.params);
      return { type: 'ready', seq: request.seq };
    case 'flow':
      return computeFlows(request);
    case 'dispose':
      computer?.dispose();
      computer = null;
      return { type: 'disposed', seq: request.seq };
    default:
      throw new AppError('INVALID_ARGUMENT', `Unknown flow worker request ${JSON.stringify((request as { type?: unknown }).type)}.`);
  }
}

function computeFlows({ seq, frames, width, height }: Extract<FlowRequest, { type: 'flow' }>): FlowResponse {
  if (!computer) throw new AppError('INVALID_ARGUMENT', 'The flow worker has no parameters yet: send "init" first.');
  if (frames.length < 2) throw new AppError('INVALID_ARGUMENT', `Flow needs at least 2 frames, got ${frames.length}.`, { field: 'frames' });
  const started = performance.now();
  const planeSize = 2 * width * height;
  const flows = new Float32Array((frames.length - 1) * planeSize);
  for (let i = 0; i + 1 < frames.length; i++) flows.set(computer.flow(frames[i]!, frames[i + 1]!, width, height), i * planeSize);
  return { type: 'flows', seq, pairs: frames.length - 1, flows, elapsedMs: performance.now() - started };
}
