/**
 * Scale-out throughput (npm run bench:scaleout): the same clips analysed by one local
 * `actionlens analyze`, then through a real redis-server by 1 and by 2 `actionlens worker`
 * processes, in one run on this machine. Prints frames/s of each and the ratio to the local run.
 * Workers are started and ready before the clock starts (on a cluster they are long-lived).
 * On a 2-core machine two workers can at best double one worker: each job uses one inference
 * thread plus ffmpeg, so the cores, not the queue, are the limit (see docs/scale-out.md).
 * BENCH_MODEL picks the model (default: cnn-lstm when shipped, else the test-recurrent fixture);
 * BENCH_CLIPS the number of 30 s 320x240 clips (default 4).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { makeClip } from '../helpers/clips.js';
import { BIN, runCli } from '../helpers/kill-resume.js';
import { redisMissing, TestRedis } from '../helpers/redis.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const shipped = existsSync(path.join(ROOT, 'models/cnn-lstm/model.onnx'));
const MODEL = process.env.BENCH_MODEL ?? (shipped ? 'cnn-lstm' : 'test-recurrent');
const CLIPS = Number(process.env.BENCH_CLIPS ?? 4);

const missing = redisMissing();
if (missing) {
  console.log(`bench:scaleout skipped: ${missing}`);
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlens-bench-scaleout-'));
const redis = new TestRedis(dir);
const env: NodeJS.ProcessEnv = { ...process.env, ACTIONLENS_DATA_DIR: dir, ...(shipped && !process.env.BENCH_MODEL ? {} : { ACTIONLENS_MODEL_PATH: path.join(ROOT, 'test/fixtures/models') }) };

async function analyze(name: string, clips: string[], queue: boolean): Promise<{ seconds: number; frames: number }> {
  const db = path.join(dir, `${name}.db`);
  const started = performance.now();
  const result = await runCli(['--db', db, '--json', 'analyze', ...clips, '--model', MODEL, '--provider', 'cpu'], queue ? { ...env, ACTIONLENS_QUEUE: redis.url } : env);
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`${name}: analyze failed: ${result.stderr}`);
  const runs = JSON.parse(result.stdout) as { run: { framesDone: number } | null }[];
  return { seconds, frames: runs.reduce((n, r) => n + (r.run?.framesDone ?? 0), 0) };
}

async function startWorkers(count: number): Promise<ChildProcess[]> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const log = path.join(dir, `worker-${count}-${i}.log`);
    const fd = openSync(log, 'w');
    children.push(spawn(process.execPath, [BIN, 'worker'], { env: { ...env, ACTIONLENS_QUEUE: redis.url }, stdio: ['ignore', fd, fd] }));
    closeSync(fd);
    while (!readFileSync(log, 'utf8').includes('worker ready')) await delay(50);
  }
  return children;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
}

try {
  await redis.start();
  console.log(`Model ${MODEL}, ${CLIPS} clips of 30 s 320x240 at 25 fps, ${os.availableParallelism()} cores.`);
  const clips = await Promise.all(Array.from({ length: CLIPS }, (_, i) => makeClip({ dir, name: `clip-${i}.mp4`, seconds: 30, fps: '25', width: 320, height: 240, filter: `hue=h=${i * 40}` })));
  const local = await analyze('local', clips, false);
  const rows: [string, { seconds: number; frames: number }][] = [['local analyze', local]];
  for (const count of [1, 2]) {
    const workers = await startWorkers(count);
    try {
      rows.push([`${count} worker${count > 1 ? 's' : ''}`, await analyze(`workers-${count}`, clips, true)]);
    } finally {
      await stopWorkers(workers);
    }
  }
  const localFps = local.frames / local.seconds;
  for (const [name, { seconds, frames }] of rows) {
    const fps = frames / seconds;
    console.log(`${name.padEnd(14)} ${frames} frames in ${seconds.toFixed(1)} s  ${fps.toFixed(0).padStart(5)} frames/s  ×${(fps / localFps).toFixed(2)} of local`);
  }
  console.log('Limit: cores. Each job runs ffmpeg plus one inference thread; two workers on two cores share them with the coordinator, so ×2 of one worker is the ceiling here.');
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
