/** The analysis commands of the `actionlens` CLI, run as real child processes against the fixture models. */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, RunSummary } from '../../../src/shared/engine.js';
import { REPO_ROOT, makeClip, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');
const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR };

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...env, ACTIONLENS_DATA_DIR: dir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let clip: string;
beforeAll(async () => {
  dir = tmpDir('analysis-cli');
  clip = await makeClip({ dir, name: 'jump 01.mp4', seconds: 2, fps: '25', width: 64, height: 48 });
});

describe('actionlens models', () => {
  it('lists the models found on ACTIONLENS_MODEL_PATH and shows one', async () => {
    const list = await cli('--db', path.join(dir, 'models.db'), 'models', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^test-clip\s+clip \(tiny-c3d\) v0\.1\.0, 32x32, 8-frame clips every 2, 11 labels/m);
    const show = await cli('--db', path.join(dir, 'models.db'), 'models', 'show', 'test-recurrent');
    expect(show.stdout).toMatch(/state\s+h0 → hn \[1, 1, 16\], c0 → cn \[1, 1, 16\]/);
    const missing = await cli('--db', path.join(dir, 'models.db'), 'models', 'show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No model "nope" in .*available: .*test-clip, test-frame, test-recurrent, test-two-stream/);
  });
});

describe('actionlens analyze, runs and export', () => {
  const db = () => path.join(dir, 'analyze.db');

  it('analyses, prints plain progress lines without a terminal, and a summary per job', async () => {
    const result = await cli('--db', db(), 'analyze', clip, '--model', 'test-frame', '--model', 'test-clip', '--provider', 'cpu', '--smooth', 'median:3');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^completed {2}jump 01\.mp4 × test-frame {2}run 1 \(fresh\) {2}50 frames {2}\d+ segments? {2}cpu {2}\d+ fps$/m);
    expect(result.stdout).toMatch(/^completed {2}jump 01\.mp4 × test-clip {2}run 2 \(fresh\)/m);
    expect(result.stderr).toMatch(/^\[1\/2\] jump 01\.mp4 × test-frame {2}50\/50 frames {2}\d+ fps {2}ETA 0:00$/m);
  });

  it('--json gives each job with its run; the same command again reuses the runs', async () => {
    const result = await cli('--db', db(), '--json', 'analyze', clip, '--model', 'test-frame', '--smooth', 'median:3');
    const [entry] = JSON.parse(result.stdout) as { job: JobSummary; run: RunSummary; segments: number }[];
    expect(entry!.job).toMatchObject({ state: 'completed', origin: 'reused', runId: 1 });
    expect(entry!.run).toMatchObject({ id: 1, status: 'completed', framesDone: 50, providerUsed: 'cpu', alignment: 'framewise' });
  });

  it('lists runs, for all videos or one', async () => {
    const result = await cli('--db', db(), 'runs', 'list', '--video', '1');
    expect(result.stdout).toMatch(/^run\s+status\s+frames\s+model\s+provider\s+video$/m);
    expect(result.stdout).toMatch(/^2\s+completed\s+50\/50\s+test-clip\s+cpu\s+jump 01\.mp4$/m);
    const json = JSON.parse((await cli('--db', db(), '--json', 'runs', 'list')).stdout) as RunSummary[];
    expect(json.map((r) => r.id)).toEqual([1, 2]);
  });

  it('exports segments as CSV, per-frame top-k, JSON and ActivityNet', async () => {
    const csv = await cli('--db', db(), 'export', '1', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('video,model,start_sec,end_sec,start_frame,end_frame,label,confidence');
    const frames = await cli('--db', db(), 'export', '1', '--format', 'csv', '--frames', '--top-k', '2');
    const lines = frames.stdout.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(/^jump 01\.mp4,test-frame@0\.1\.0,0,0,\w+,0\.\d+,\w+,0\.\d+$/);
    const out = path.join(dir, 'run2.json');
    expect((await cli('--db', db(), 'export', '2', '--format', 'json', '--frames', '--out', out)).code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { run: { runId: number; alignment: string }; frames: unknown[] };
    expect(json.run).toMatchObject({ runId: 2, alignment: expect.stringContaining('centred-window-mean') });
    expect(json.frames).toHaveLength(50);
    const activityNet = JSON.parse((await cli('--db', db(), 'export', '1', '--format', 'activitynet')).stdout) as { version: string; results: Record<string, unknown[]> };
    expect(activityNet.version).toBe('VERSION 1.3');
    expect(Object.keys(activityNet.results)).toEqual(['jump 01']);
    const twice = await cli('--db', db(), 'export', '1', '2', '--format', 'activitynet');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Video "jump 01" is listed twice in an ActivityNet export (one run per video).');
    expect(twice.stdout).toBe('');
  });

  it('refuses bad options and unknown models with exit 1 and a reason', async () => {
    const smooth = await cli('--db', db(), 'analyze', clip, '--model', 'test-frame', '--smooth', 'median:4');
    expect(smooth.code).toBe(1);
    expect(smooth.stderr).toContain("option '--smooth <kind:frames>' argument 'median:4' is invalid. use none, moving-average:N or median:N with N odd");
    const wide = await cli('--db', db(), 'analyze', clip, '--model', 'test-frame', '--smooth', 'median:33');
    expect(wide.stderr).toContain("argument 'median:33' is invalid. N must be at most 31 frames for median smoothing (use moving-average for longer windows)");
    const unknown = await cli('--db', db(), 'analyze', clip, '--model', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/actionlens: No model "nope"/);
    const running = await cli('--db', db(), 'export', '99', '--format', 'csv');
    expect(running.stderr).toContain('No run with id 99.');
    // A refused export with --out leaves the existing file as it was, and no temporary file beside it.
    const outDir = tmpDir('analysis-cli-out');
    const existing = path.join(outDir, 'keep.csv');
    writeFileSync(existing, 'precious\n');
    const refused = await cli('--db', db(), 'export', '1', '2', '--format', 'activitynet', '--out', existing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is listed twice');
    expect(readFileSync(existing, 'utf8')).toBe('precious\n');
    expect(readdirSync(outDir)).toEqual(['keep.csv']);
  });
});

/** Processes whose command line mentions `needle` (Linux /proc), to catch an ffmpeg left behind by a killed parent. */
function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle) && !cmdline.includes('vitest')) found.push(`${pid} ${cmdline}`);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

describe.skipIf(process.platform !== 'linux')('kill -9 in the middle, then the same command', () => {
  it('resumes from the last committed chunk and ends with what an uninterrupted run stores', async () => {
    const long = await makeClip({ dir, name: 'long.mp4', seconds: 60, fps: '25', width: 640, height: 480 }); // 1500 frames
    const db = path.join(dir, 'killed.db');
    const args = [BIN, '--db', db, 'analyze', long, '--model', 'test-clip', '--window-stride', '1', '--provider', 'cpu'];
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    // Wait for the first committed chunk (another connection reads the WAL database meanwhile).
    let committed = 0;
    for (let waited = 0; committed === 0 && waited < 30_000; waited += 20) {
      await delay(20);
      try {
        const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
        committed = (reader.prepare("SELECT frames_done FROM runs WHERE status = 'running'").pluck().get() as number | undefined) ?? 0;
        reader.close();
      } catch {
        // not created yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThan(0);

    const reader = new BetterSqlite3(db, { readonly: true });
    const killed = reader.prepare('SELECT id, status, frames_done AS framesDone FROM runs').get() as { id: number; status: string; framesDone: number };
    const stored = reader.prepare('SELECT max(start_frame + frame_count) FROM prediction_chunks WHERE run_id = ?').pluck().get(killed.id) as number;
    expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    reader.close();
    expect(killed.status).toBe('running'); // nobody could mark it: exactly what a crash leaves
    expect(killed.framesDone).toBe(stored); // progress and probabilities were committed together
    expect(killed.framesDone).toBeLessThan(1500);
    // The orphaned ffmpeg dies on its broken pipe.
    for (let waited = 0; processesMentioning(long).length > 0 && waited < 5000; waited += 100) await delay(100);
    expect(processesMentioning(long)).toEqual([]);

    const again = await cli('--db', db, 'analyze', long, '--model', 'test-clip', '--window-stride', '1', '--provider', 'cpu');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`long.mp4 × test-clip: resuming run ${killed.id} from frame ${killed.framesDone}`);
    expect(again.stdout).toMatch(new RegExp(`completed {2}long\\.mp4 × test-clip {2}run ${killed.id} \\(resumed from frame ${killed.framesDone}\\) {2}1500 frames`));

    const reference = path.join(dir, 'reference.db');
    expect((await cli('--db', reference, 'analyze', long, '--model', 'test-clip', '--window-stride', '1', '--provider', 'cpu')).code).toBe(0);
    const probabilities = (file: string) => {
      const connection = new BetterSqlite3(file, { readonly: true });
      const rows = connection.prepare('SELECT probs FROM prediction_chunks ORDER BY start_frame').pluck().all() as Buffer[];
      connection.close();
      return Buffer.concat(rows);
    };
    expect(probabilities(db).equals(probabilities(reference))).toBe(true);
  }, 120_000);

  it('a second process on the same database neither requeues nor recomputes a run a live process is computing', async () => {
    const long = await makeClip({ dir, name: 'shared.mp4', seconds: 120, fps: '25', width: 640, height: 480 }); // 3000 frames
    const db = path.join(dir, 'shared.db');
    const args = ['--db', db, 'analyze', long, '--model', 'test-clip', '--window-stride', '1', '--provider', 'cpu'];
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let running: { id: number; owner: string } | undefined;
    for (let waited = 0; !running && waited < 30_000; waited += 20) {
      await delay(20);
      try {
        const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
        running = reader.prepare("SELECT id, owner FROM runs WHERE status = 'running' AND frames_done > 0").get() as typeof running;
        reader.close();
      } catch {
        // not created yet
      }
    }
    expect(running?.owner).toMatch(new RegExp(`:${child.pid}$`));

    // [Note: a paused owner] The first process is paused (SIGSTOP) while the second asks, so that
    // it cannot finish first on a loaded machine; it is paused only outside a write transaction
    // (checked by taking the write lock ourselves), so the second process never waits on it.
    await pauseOutsideWrites(child.pid!, db);
    const second = await cli(...args).finally(() => process.kill(child.pid!, 'SIGCONT'));
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`Run ${running!.id} of "test-clip" on this video is being computed by process ${child.pid} on`);
    expect(await exited).toBe(0); // the first process was not disturbed: its run ends completed
    const reader = new BetterSqlite3(db, { readonly: true });
    expect(reader.prepare('SELECT id, status FROM runs').all()).toEqual([{ id: running!.id, status: 'completed' }]);
    reader.close();
  }, 180_000);
});

/** Stops `pid` with SIGSTOP at a moment it holds no write lock on `db` (its heartbeat allows a minute of pause). */
async function pauseOutsideWrites(pid: number, db: string): Promise<void> {
  const probe = new BetterSqlite3(db, { timeout: 0 });
  try {
    for (;;) {
      process.kill(pid, 'SIGSTOP');
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return;
      } catch {
        process.kill(pid, 'SIGCONT');
        await delay(30);
      }
    }
  } finally {
    probe.close();
  }
}
