/**
 * `actionlens pose` and the pose exports as real child processes, with the real estimator and
 * ONNX models, on a real clip of a person (the NTU corpus clip: one man drinking, 103 frames):
 * a stored pose run, its reuse, its three export formats, a kill -9 mid-run and the resume, and
 * the one-line refusals of bad input.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src/shared/engine.js';
import { KINEMATICS_CSV_COLUMNS } from '../../../src/main/core/export/keypoints.js';
import { makeClip, REPO_ROOT, tmpDir } from '../../helpers/clips.js';
import { missingClip, NTU_CLIP, storedPeople } from './pose-fixtures.js';

const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');
const FRAMES = 103;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ACTIONLENS_DATA_DIR: dir }, maxBuffer: 1 << 28 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
const missing = missingClip(NTU_CLIP);

beforeAll(() => {
  dir = tmpDir('pose-cli');
});

describe.skipIf(missing !== null)(`actionlens pose on a real clip${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const db = () => path.join(dir, 'pose.db');

  it('stores a pose run of the person, then reuses it for the same settings', async () => {
    const first = await cli('--db', db(), 'pose', NTU_CLIP, '--model', 'lightning', '--max-people', '2');
    // Not a terminal: analyze's plain progress lines, the last one at the end.
    expect(first.stderr).toContain(`[1/1] ntu-drink-1080p-30fps-h264.avi × pose:lightning  ${FRAMES}/${FRAMES} frames`);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^completed {2}ntu-drink-1080p-30fps-h264\\.avi × pose:lightning {2}run 1 \\(fresh\\) {2}${FRAMES} frames {2}1 track \\(#1 \\d+f\\)\\n$`));
    const again = await cli('--db', db(), '--json', 'pose', NTU_CLIP, '--max-people', '2');
    const [result] = JSON.parse(again.stdout) as { job: JobSummary; tracks: { trackId: number; frames: number }[] }[];
    expect(result!.job).toMatchObject({ state: 'completed', origin: 'reused', runId: 1, framesDone: FRAMES });
    // One man in view the whole clip: one track on (nearly) every frame.
    expect(result!.tracks).toHaveLength(1);
    expect(result!.tracks[0]!.frames).toBeGreaterThan(FRAMES * 0.9);
  }, 180_000);

  it('exports COCO-style keypoints JSON with anatomically ordered keypoints inside the frame', async () => {
    const out = await cli('--db', db(), 'export', '1', '--format', 'keypoints');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as { run: { width: number; height: number }; frames: { frame: number; time: number; annotations: { track_id: number; bbox: number[]; keypoints: number[] }[] }[] };
    expect(doc.run).toMatchObject({ width: 1920, height: 1080 });
    expect(doc.frames.map((f) => f.frame)).toEqual(Array.from({ length: FRAMES }, (_, i) => i));
    const people = doc.frames.flatMap((f) => f.annotations);
    for (const person of people) {
      const [x, y, w, h] = person.bbox as [number, number, number, number];
      expect(x).toBeGreaterThanOrEqual(-50);
      expect(x + w).toBeLessThanOrEqual(1970);
      expect(y + h).toBeLessThanOrEqual(1130);
      // Standing: the nose (0) above the hips (11, 12), the hips above the ankles (15, 16).
      const yOf = (k: number) => person.keypoints[k * 3 + 1]!;
      expect(yOf(0)).toBeLessThan(Math.min(yOf(11), yOf(12)));
      expect(Math.max(yOf(11), yOf(12))).toBeLessThan(Math.min(yOf(15), yOf(16)));
    }
  });

  it('exports keypoints CSV (frame × person) and kinematics CSV with a standing man\'s straight knees', async () => {
    const csv = await cli('--db', db(), 'export', '1', '--format', 'keypoints-csv');
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]!.split(',')).toHaveLength(10 + 51);
    expect(lines.length - 1).toBeGreaterThan(FRAMES * 0.9);
    const kin = await cli('--db', db(), 'export', '1', '--format', 'kinematics', '--smooth', '3');
    const rows = kin.stdout.trimEnd().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual([...KINEMATICS_CSV_COLUMNS]);
    const knees = rows.slice(1).map((r) => Number(r[KINEMATICS_CSV_COLUMNS.indexOf('right_knee_deg')])).filter((v) => v > 0);
    knees.sort((a, b) => a - b);
    expect(knees[knees.length >> 1]).toBeGreaterThan(150);
  });

  it('refuses bad input in one line naming the problem', async () => {
    const noFile = await cli('--db', db(), 'pose', path.join(dir, 'absent.mp4'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/absent\.mp4/);
    expect(noFile.stderr).not.toMatch(/\n\s+at /);
    const badPeople = await cli('--db', db(), 'pose', NTU_CLIP, '--max-people', '0');
    expect(badPeople.code).toBe(1);
    expect(badPeople.stderr).toContain("option '--max-people <n>' argument '0' is invalid. must be an integer from 1 to 64");
    const badModel = await cli('--db', db(), 'pose', NTU_CLIP, '--model', 'huge');
    expect(badModel.stderr).toContain("Allowed choices are lightning, thunder");
    const notDone = await cli('--db', db(), 'export', '7', '--format', 'keypoints');
    expect(notDone.stderr).toBe('actionlens: No run with id 7.\n');
    const twoRuns = await cli('--db', db(), 'export', '1', '1', '--format', 'kinematics');
    expect(twoRuns.stderr).toBe('actionlens: The kinematics format exports one run at a time (2 given).\n');
    const asSegments = await cli('--db', db(), 'export', '1', '--format', 'csv');
    expect(asSegments.stderr).toBe('actionlens: Run 1 is a pose run: export it with --format keypoints, keypoints-csv, kinematics.\n');
  });

  it('a clip with nobody in it: a completed run with no track, every frame exported with no annotation', async () => {
    const empty = await makeClip({ dir, name: 'nobody.mp4', seconds: 1, fps: '25', width: 320, height: 240 }); // ffmpeg's test pattern
    const run = await cli('--db', db(), 'pose', empty);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^completed {2}nobody\.mp4 × pose:lightning {2}run \d+ \(fresh\) {2}25 frames {2}0 tracks\n$/);
    const id = /run (\d+)/.exec(run.stdout)![1]!;
    const doc = JSON.parse((await cli('--db', db(), 'export', id, '--format', 'keypoints')).stdout) as { frames: { annotations: unknown[] }[] };
    expect(doc.frames).toHaveLength(25);
    expect(doc.frames.every((f) => f.annotations.length === 0)).toBe(true);
  }, 120_000);

  it.skipIf(process.platform !== 'linux')('kill -9 in the middle, then the same command: resumes and stores exactly what the uninterrupted run stored', async () => {
    const killed = path.join(dir, 'killed.db');
    const child = spawn(process.execPath, [BIN, '--db', killed, 'pose', NTU_CLIP, '--max-people', '2'], { env: { ...process.env, ACTIONLENS_DATA_DIR: dir }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let committed = 0;
    for (let waited = 0; committed === 0 && waited < 60_000; waited += 20) {
      await delay(20);
      try {
        const reader = new BetterSqlite3(killed, { readonly: true, fileMustExist: true });
        committed = (reader.prepare("SELECT frames_done FROM runs WHERE status = 'running'").pluck().get() as number | undefined) ?? 0;
        reader.close();
      } catch {
        // not created yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThan(0);
    const reader = new BetterSqlite3(killed, { readonly: true });
    const run = reader.prepare('SELECT id, status, frames_done AS framesDone FROM runs').get() as { id: number; status: string; framesDone: number };
    const stored = reader.prepare('SELECT max(start_frame + frame_count) FROM pose_chunks WHERE run_id = ?').pluck().get(run.id) as number;
    reader.close();
    expect(run.status).toBe('running');
    expect(run.framesDone).toBe(stored); // progress, poses and tracker state were committed together
    expect(run.framesDone).toBeLessThan(FRAMES);

    const again = await cli('--db', killed, 'pose', NTU_CLIP, '--max-people', '2');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`pose:lightning: resuming run ${run.id} from frame ${run.framesDone}`);
    expect(again.stdout).toContain(`run ${run.id} (resumed from frame ${run.framesDone})  ${FRAMES} frames`);
    expect(storedPeople(killed)).toEqual(storedPeople(db()));
  }, 180_000);
});
