/**
 * Issue 15, defect 5 through the real CLI: a database with the data page of a run's probabilities
 * overwritten. Every command says so in one line naming the file (exit 2), nothing is written, analyze
 * never reuses the run, and `db check` / `db recover` lead back to a sound database.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { leafPages, overwritePage } from '../../helpers/damage.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';
import { oneLine, runCli } from './run-cli.js';

let dir = '';
let db = '';
let clip = '';
const env = () => ({ ACTIONLENS_DATA_DIR: path.join(dir, 'data'), ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR });
const cli = (file: string, ...args: string[]) => runCli(['--db', file, ...args], env());
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const analyzeArgs = () => ['analyze', clip, '--model', 'test-frame', '--provider', 'cpu'];

beforeAll(async () => {
  dir = tmpDir('damaged-cli');
  db = path.join(dir, 'damaged.db');
  clip = await makeClip({ dir, name: 'walk.mp4', seconds: 20, fps: '25', width: 32, height: 24 });
  const first = await cli(db, ...analyzeArgs());
  expect(first.stdout).toMatch(/^completed {2}walk\.mp4 × test-frame {2}run 1 \(fresh\) {2}500 frames/m);
  // The run's later probabilities live on the last leaf page of prediction_chunks.
  overwritePage(db, leafPages(db, 'prediction_chunks').at(-1)!);
}, 120_000);

describe('a damaged database through the CLI', () => {
  it('reads and writes: one line naming the file and the way out, exit 2, the file untouched', async () => {
    const before = sha(db);
    const other = await makeClip({ dir, name: 'other.mp4', seconds: 1, fps: '10', width: 32, height: 24 });
    for (const args of [['library', 'list'], ['runs', 'list'], ['export', '1', '--format', 'csv'], ['library', 'add', other]]) {
      const result = await cli(db, ...args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(oneLine(result.stderr)).toMatch(new RegExp(`^actionlens: The database ${db} is damaged \\(.*\\)\\. Nothing more is written to it\\. Check it with "actionlens --db ${db} db check".* db recover"`));
    }
    expect(sha(db)).toBe(before);
  });

  it('analyze does not report the run whose probabilities cannot be read as completed (reused)', async () => {
    const result = await cli(db, ...analyzeArgs());
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('completed');
    expect(oneLine(result.stderr)).toContain('is damaged');
  });

  it('db check reports the damage (exit 2)', async () => {
    const result = await cli(db, 'db', 'check');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(new RegExp(`^damaged  ${db}\\n  .*page \\d+`));
    expect(result.stdout).toContain(`actionlens --db ${db} db recover`);
  });

  it('db recover writes a sound copy of what is readable; analyzing there recomputes the damaged run', async () => {
    const before = sha(db);
    const out = path.join(dir, 'recovered.db');
    const result = await cli(db, 'db', 'recover', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`recovered ${db} into ${out} (passes integrity_check)`);
    expect(result.stdout).toMatch(/^ {2}videos +1 copied, 0 lost$/m);
    expect(result.stdout).toMatch(/^ {2}prediction_chunks +\d+ copied, \d+ lost; unreadable rowids /m);
    expect(result.stdout).toMatch(/^ {2}run 1: kept frames 0–\d+ in order, later frames lost; now failed$/m);
    expect(sha(db)).toBe(before);
    expect((await cli(out, 'db', 'check')).stdout).toBe(`ok  ${out} passes integrity_check\n`);
    const again = await cli(out, ...analyzeArgs());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^completed {2}walk\.mp4 × test-frame {2}run 2 \(fresh\) {2}500 frames/m);
    const json = await cli(out, '--json', 'db', 'recover', '--out', out);
    expect(json.code).toBe(1);
    expect(oneLine(json.stderr)).toBe(`actionlens: ${out} already exists; recovery writes a new file and never overwrites one.`);
  });
});
