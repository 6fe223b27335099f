/**
 * Inference worker: one onnxruntime session, created by the first `load` message and reused for
 * every `run` until `close`. It knows nothing about models' families: the engine sends named
 * float32 feeds and names the outputs it wants, so recurrent state stays with the engine.
 */
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { AppError, serializeError } from '../../shared/errors.js';
import type { FromWorker, ToWorker, WireTensor } from './protocol.js';
import { createSession, describeGraph } from '../common/onnx-session.js';

if (!parentPort) throw new Error('the inference worker must run in a worker thread');
const port = parentPort;
let session: ort.InferenceSession | null = null;

// One message at a time: a run never overlaps another run or the close of its session.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ToWorker): Promise<void> {
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'run') await run(message);
    else await close(message.seq);
  } catch (error) {
    reply({ type: 'error', seq: message.seq, error: serializeError(error) });
  }
}

async function load(message: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  if (session) throw new AppError('INTERNAL', 'this inference worker already has a model loaded');
  const loaded = await createSession(message.modelPath, message.provider, message.threads);
  session = loaded.session;
  reply({ type: 'loaded', seq: message.seq, provider: loaded.provider, threads: message.threads, notices: loaded.notices, ...describeGraph(session) });
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  if (!session) throw new AppError('INTERNAL', 'run before load: the inference worker has no model');
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, tensor] of Object.entries(message.feeds)) feeds[name] = new ort.Tensor('float32', tensor.data, tensor.dims);
  const started = performance.now();
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    results = await session.run(feeds, message.fetch);
  } catch (error) {
    const shapes = Object.entries(message.feeds).map(([name, t]) => `${name} [${t.dims.join(', ')}]`).join(', ');
    throw new AppError('INVALID_ARGUMENT', `The model refused its input (${shapes}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const inferMs = performance.now() - started;
  const outputs: Record<string, WireTensor> = {};
  for (const name of message.fetch) {
    const value = results[name] as ort.Tensor | undefined;
    if (!value || value.type !== 'float32') throw new AppError('INVALID_ARGUMENT', `The model gave no float32 output "${name}".`);
    // Copied (outputs are small) so that no buffer owned by onnxruntime crosses the boundary.
    outputs[name] = { data: (value.data as Float32Array).slice(), dims: [...value.dims] };
  }
  const returned = Object.values(message.feeds).map((t) => t.data);
  reply({ type: 'result', seq: message.seq, outputs, returned, inferMs }, returned.map((d) => d.buffer as ArrayBuffer));
}

async function close(seq: number): Promise<void> {
  await session?.release();
  session = null;
  reply({ type: 'closed', seq });
}

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}
