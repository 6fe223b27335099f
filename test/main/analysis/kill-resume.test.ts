/**
 * Exact resume after kill -9, with real processes: `actionlens analyze` is killed after N
 * committed chunks (several times for the same run), the same command then finishes the run,
 * and its JSON export with per-frame labels must be byte for byte the export of an uninterrupted
 * run (a separate database), with the stored probabilities and frame times identical too. Every
 * default family once with the shipped model; the tiny fixture models at several kill points.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, makeClip, tmpDir } from '../../helpers/clips.js';
import { analyzeAndKill, exportJson, integrityCheck, runCli, waitGone } from '../../helpers/kill-resume.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

const SAMPLE = path.join(REPO_ROOT, 'samples/figures-sequence-320x240.mp4');
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = tmpDir('kill-resume');
  env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
});

function storedBlobs(db: string): Buffer {
  const reader = new BetterSqlite3(db, { readonly: true });
  try {
    const rows = reader.prepare('SELECT probs, pts FROM prediction_chunks ORDER BY run_id, start_frame').all() as { probs: Buffer; pts: Buffer | null }[];
    // Chunk boundaries differ between the runs; the concatenated values must not.
    return Buffer.concat([...rows.map((row) => row.probs), ...rows.map((row) => row.pts ?? Buffer.alloc(0))]);
  } finally {
    reader.close();
  }
}

/**
 * Kills `analyze` after each count of chunks in `killAfter` (each time the same command resumes
 * the run), lets the last attempt finish, and compares with an uninterrupted run.
 */
async function killResumeAndCompare(name: string, clip: string, args: string[], killAfter: number[]) {
  const db = path.join(dir, `${name}.db`);
  const analyze = ['analyze', clip, ...args, '--provider', 'cpu'];
  let lastFrames = 0;
  for (const chunks of killAfter) {
    const outcome = await analyzeAndKill(db, analyze, env, { chunks });
    expect(outcome.killed, `${name}: the run ended before ${chunks} chunks were committed`).toBe(true);
    expect(outcome.frames).toBeGreaterThanOrEqual(lastFrames);
    lastFrames = outcome.frames;
    // No child of the killed process outlives it (ffmpeg ends on its broken pipe, the worker is a thread).
    expect(await waitGone(outcome.children)).toEqual([]);
    expect(integrityCheck(db)).toBe('ok');
  }
  const resumed = await runCli(['--db', db, ...analyze], env);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stdout).toContain('(resumed from frame');

  const reference = path.join(dir, `${name}-reference.db`);
  const uninterrupted = await runCli(['--db', reference, ...analyze], env);
  expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
  const exported = await exportJson(db, 1, env);
  expect(exported.length).toBeGreaterThan(1000);
  expect(exported === (await exportJson(reference, 1, env))).toBe(true);
  expect(storedBlobs(db).equals(storedBlobs(reference))).toBe(true);
}

describe.skipIf(process.platform !== 'linux')('kill -9 during analyze, resumed: the export is byte-identical to an uninterrupted run', () => {
  let clip: string;
  beforeAll(async () => {
    clip = await makeClip({ dir, name: 'long.mp4', seconds: 40, fps: '25', width: 160, height: 120 }); // 1000 frames
  });

  it('fixture recurrent model, killed after 1, 2 and 3 chunks', { timeout: 180_000 }, async () => {
    await killResumeAndCompare('test-recurrent', clip, ['--model', 'test-recurrent'], [1, 2, 3]);
  });

  it('fixture frame model with stride 3, killed after 1 and 3 chunks', { timeout: 180_000 }, async () => {
    await killResumeAndCompare('test-frame', clip, ['--model', 'test-frame', '--stride', '3'], [1, 3]);
  });

  it('fixture clip model, killed after 2 chunks', { timeout: 180_000 }, async () => {
    await killResumeAndCompare('test-clip', clip, ['--model', 'test-clip', '--window-stride', '3'], [2]);
  });

  it('fixture two-stream model, killed after 1 and 2 chunks', { timeout: 180_000 }, async () => {
    await killResumeAndCompare('test-two-stream', clip, ['--model', 'test-two-stream'], [1, 2]);
  });
});

const shipped = ['framewise', 'cnn-lstm', 'cnn-gru', '3d-cnn', 'two-stream'] as const;
const missing = shipped.filter((id) => !existsSync(path.join(REPO_ROOT, 'models', id, 'model.onnx')));
describe.skipIf(process.platform !== 'linux' || missing.length > 0 || !existsSync(SAMPLE))(
  `the shipped default models, one kill each${missing.length > 0 ? ` (skipped: models/${missing.join(', models/')} missing)` : ''}`,
  () => {
    let clip: string;
    beforeAll(async () => {
      // 12 s of the sample's figures (300 frames): long enough for two commits of the slowest model.
      clip = path.join(dir, 'figures-12s.mp4');
      const { execFileSync } = await import('node:child_process');
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', SAMPLE, '-t', '12', '-c:v', 'libx264', '-preset', 'ultrafast', '-an', clip]);
    });

    it.each(shipped)('%s', { timeout: 240_000 }, async (model) => {
      await killResumeAndCompare(`shipped-${model}`, clip, ['--model', model], [1]);
    });
  },
);
