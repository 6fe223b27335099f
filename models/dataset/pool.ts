/**
 * Renders and encodes items on `jobs` worker threads. Each worker keeps two items in flight: while
 * one item waits for ffmpeg to start or to flush its last frames, the other is being drawn, so
 * the cores stay busy. Each item's output depends only on its spec, so the order items finish in
 * does not matter. jobs = 1 runs in this thread (simplest to profile).
 */
import { Worker } from 'node:worker_threads';
import { generateItem, type ItemResult } from './item.js';
import type { ItemSpec } from './item-plan.js';

export interface WorkRequest {
  id: number;
  spec: ItemSpec;
  outDir: string;
  ffmpeg: string;
}

export type WorkReply = { id: number; ok: true; result: ItemResult } | { id: number; ok: false; error: string };

const IN_FLIGHT_PER_JOB = 2;

type Runner = (spec: ItemSpec) => Promise<ItemResult>;

/**
 * Starts a worker on worker.ts. `--import tsx` does not reach a worker's entry module, so a tiny
 * bootstrap registers tsx's loader inside the worker first and then imports the TypeScript.
 */
function startWorker(outDir: string, ffmpeg: string): { runner: Runner; worker: Worker } {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const pending = new Map<number, { resolve: (r: ItemResult) => void; reject: (e: Error) => void; spec: ItemSpec }>();
  let nextId = 0;
  worker.on('message', (reply: WorkReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(`${p.spec.id}: ${reply.error}`));
  });
  worker.on('error', (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  const runner: Runner = (spec) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, spec });
      worker.postMessage({ id, spec, outDir, ffmpeg } satisfies WorkRequest);
    });
  return { runner, worker };
}

export async function runItems(specs: readonly ItemSpec[], jobs: number, outDir: string, ffmpeg: string, onDone: (spec: ItemSpec, result: ItemResult) => void): Promise<void> {
  const workers: Worker[] = [];
  const runners: Runner[] = [];
  if (jobs <= 1) runners.push((spec) => generateItem(spec, outDir, ffmpeg));
  else {
    for (let i = 0; i < Math.min(jobs, specs.length); i++) {
      const { runner, worker } = startWorker(outDir, ffmpeg);
      runners.push(runner);
      workers.push(worker);
    }
  }
  let next = 0;
  let failed = false;
  const lane = async (runner: Runner): Promise<void> => {
    while (!failed && next < specs.length) {
      const spec = specs[next++] as ItemSpec;
      try {
        onDone(spec, await runner(spec));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all(runners.flatMap((runner) => Array.from({ length: IN_FLIGHT_PER_JOB }, () => lane(runner))));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
