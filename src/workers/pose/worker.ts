/**
 * Pose worker: one PosePipeline (detector + refiner sessions + tracker), created by `init`, then
 * one `estimate` per frame in frame order. Heavy work stays off the engine's thread.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, serializeError } from '../../shared/errors.js';
import { PosePipeline } from './pipeline.js';
import type { PoseRequest, PoseResponse } from './protocol.js';

if (!parentPort) throw new Error('the pose worker must run in a worker thread');
const port = parentPort;
let pipeline: PosePipeline | null = null;

// One message at a time, in order: the tracker's state depends on frame order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: PoseRequest) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: PoseRequest): Promise<void> {
  try {
    if (message.type === 'init') {
      if (pipeline) throw new AppError('INTERNAL', 'this pose worker is already initialised');
      pipeline = await PosePipeline.load(message.modelsDir, message.settings, message.provider);
      reply({ type: 'ready', seq: message.seq, provider: pipeline.provider, notices: pipeline.notices });
    } else if (message.type === 'close') {
      await pipeline?.close();
      pipeline = null;
      reply({ type: 'done', seq: message.seq });
    } else {
      if (!pipeline) throw new AppError('INTERNAL', `${message.type} before init: the pose worker has no models`);
      if (message.type === 'restore') {
        pipeline.restore(message.state);
        reply({ type: 'done', seq: message.seq });
      } else {
        const started = performance.now();
        const pose = await pipeline.estimate(message.frame);
        reply({ type: 'pose', seq: message.seq, pose, state: pipeline.snapshot(), inferMs: performance.now() - started });
      }
    }
  } catch (error) {
    reply({ type: 'error', seq: message.seq, error: serializeError(error) });
  }
}

function reply(message: PoseResponse): void {
  port.postMessage(message);
}
