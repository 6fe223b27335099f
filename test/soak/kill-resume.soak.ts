/**
 * kill -9 soak: `npm run soak -- --runs 50 [--seed 7] [--no-shipped]`.
 *
 * Each run picks a family (the fixture models with random sampling options, and the shipped
 * default models), starts `actionlens analyze` on a fresh database, SIGKILLs it at random moments
 * (one to three times; the same command resumes it each time), then lets it finish. Checked per
 * run: the JSON export with per-frame labels is byte-identical to an uninterrupted run's, no
 * process the killed CLI started survives it, `PRAGMA integrity_check` is ok after every kill.
 * Prints the figures and exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../helpers/clips.js';
import { analyzeAndKill, exportJson, integrityCheck, runCli, waitGone } from '../helpers/kill-resume.js';
import { seededRandom } from '../helpers/random.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, seed: { type: 'string', default: '15' }, 'no-shipped': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const random = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface Family {
  name: string;
  args: string[];
  clip: 'synthetic' | 'figures';
}

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/models');
const families: Family[] = [
  { name: 'test-frame', args: ['--model', 'test-frame'], clip: 'synthetic' },
  { name: 'test-frame stride 3', args: ['--model', 'test-frame', '--stride', '3'], clip: 'synthetic' },
  { name: 'test-recurrent', args: ['--model', 'test-recurrent'], clip: 'synthetic' },
  { name: 'test-recurrent stride 2', args: ['--model', 'test-recurrent', '--stride', '2'], clip: 'synthetic' },
  { name: 'test-clip', args: ['--model', 'test-clip', '--window-stride', '2'], clip: 'synthetic' },
  { name: 'test-two-stream', args: ['--model', 'test-two-stream'], clip: 'synthetic' },
];
const SHIPPED = ['framewise', 'cnn-lstm', 'cnn-gru', '3d-cnn', 'two-stream'];
if (!values['no-shipped']) {
  for (const id of SHIPPED) if (existsSync(path.join(REPO_ROOT, 'models', id, 'model.onnx'))) families.push({ name: id, args: ['--model', id], clip: 'figures' });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlens-soak-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURES, ACTIONLENS_DATA_DIR: dir };
const clips = {
  synthetic: path.join(dir, 'synthetic.mp4'),
  figures: path.join(dir, 'figures.mp4'),
};
const FRAMES = { synthetic: 1500, figures: 500 };
execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '60', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clips.synthetic]);
execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(REPO_ROOT, 'samples/figures-sequence-320x240.mp4'), '-t', '20', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', clips.figures]);

/** The uninterrupted run of each family: its export. */
const references = new Map<string, { exported: string }>();
async function reference(family: Family) {
  const known = references.get(family.name);
  if (known) return known;
  const db = path.join(dir, `reference-${references.size}.db`);
  const done = await runCli(['--db', db, 'analyze', clips[family.clip], ...family.args, '--provider', 'cpu'], env);
  if (done.code !== 0) throw new Error(`reference run of ${family.name} failed: ${done.stderr}`);
  const entry = { exported: await exportJson(db, 1, env) };
  references.set(family.name, entry);
  return entry;
}

const figures = { runs: 0, kills: 0, killedBeforeFirstChunk: 0, resumedRuns: 0, identical: 0, different: [] as string[], orphans: [] as string[], integrityFailures: [] as string[] };
const started = Date.now();
for (let run = 1; run <= runs; run++) {
  const family = pick(families);
  const { exported: expected } = await reference(family);
  const db = path.join(dir, `run-${run}.db`);
  const analyze = ['analyze', clips[family.clip], ...family.args, '--provider', 'cpu'];
  const kills = 1 + Math.floor(random() * 3);
  const points: number[] = [];
  let target = 0;
  for (let k = 0; k < kills; k++) {
    // One kill in four during start-up (database, model, first frames); the others once a random
    // frame beyond the previous kill's is committed (i.e. just after the chunk holding it).
    target += 1 + Math.floor(random() * (FRAMES[family.clip] - target) * 0.6);
    const point = random() < 0.25 ? { ms: Math.round(100 + random() * 2500) } : { frames: target };
    const outcome = await analyzeAndKill(db, analyze, env, point);
    if (!outcome.killed) break; // it finished first: the rest is the final run
    figures.kills += 1;
    points.push(outcome.frames);
    if (outcome.frames === 0) figures.killedBeforeFirstChunk += 1;
    const left = await waitGone(outcome.children, 5000);
    if (left.length > 0) figures.orphans.push(`run ${run} (${family.name}): ${left.map((p) => `${p.pid} ${p.name}`).join(', ')}`);
    if (existsSync(db)) {
      const check = integrityCheck(db);
      if (check !== 'ok') figures.integrityFailures.push(`run ${run} (${family.name}): ${check}`);
    }
  }
  const final = await runCli(['--db', db, ...analyze], env);
  if (final.code !== 0) {
    figures.different.push(`run ${run} (${family.name}): the final analyze failed: ${final.stderr.trim()}`);
    continue;
  }
  if (final.stdout.includes('(resumed from frame')) figures.resumedRuns += 1;
  figures.runs += 1;
  const actual = await exportJson(db, 1, env);
  if (actual === expected) figures.identical += 1;
  else figures.different.push(`run ${run} (${family.name}), killed at committed frames ${points.join(', ')}: the export differs`);
  console.log(`run ${run}/${runs}  ${family.name.padEnd(24)} kills at committed frames [${points.join(', ')}]  ${actual === expected ? 'identical' : 'DIFFERENT'}`);
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
}

console.log('');
console.log(`runs completed            ${figures.runs} of ${runs}`);
console.log(`kills (SIGKILL)           ${figures.kills} (${figures.killedBeforeFirstChunk} before the first committed chunk)`);
console.log(`runs that resumed         ${figures.resumedRuns}`);
console.log(`exports identical         ${figures.identical} of ${figures.runs}`);
console.log(`orphan processes          ${figures.orphans.length}`);
console.log(`integrity_check failures  ${figures.integrityFailures.length}`);
console.log(`families                  ${families.map((f) => f.name).join(', ')}`);
console.log(`time                      ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const line of [...figures.different, ...figures.orphans, ...figures.integrityFailures]) console.log(`FAIL ${line}`);
process.exitCode = figures.different.length + figures.orphans.length + figures.integrityFailures.length > 0 || figures.runs < runs ? 1 : 0;
