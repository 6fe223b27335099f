/**
 * `actionlens datasets` and `actionlens eval` end to end, with real ffmpeg, ONNX test models and
 * SQLite: a generated dataset (npm run dataset) is imported, two models are evaluated, a second
 * evaluation reuses every run, the reports are written, and the numbers equal the Python recipe's
 * (models/training/metrics.py) on the very probabilities the app stored.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../../src/shared/eval.js';
import { openStore } from '../../../src/main/core/store/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/actionlens.mjs');
const PYTHON = '/usr/bin/python3';
const numpyMissing = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status !== 0;

let dir = '';
let db = '';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, ACTIONLENS_DATA_DIR: dir, ACTIONLENS_MODEL_PATH: join(ROOT, 'test/fixtures/models') };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, '--db', db, ...args], { env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('actionlens datasets and eval', () => {
  let report: EvalReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eval-cli-'));
    db = join(dir, 'db.sqlite');
    // 12 clips and 2 sequences, small frames: a few seconds of rendering.
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'models/dataset/cli.ts'), '--out', join(dir, 'gen'), '--clips', '12', '--sequences', '2', '--seed', '5', '--min-size', '160x120', '--max-size', '160x120', '--jobs', '1'], { cwd: ROOT, stdio: 'ignore' });
  }, 300_000);

  it('imports the generated dataset', async () => {
    const result = await cli('--json', 'datasets', 'import', join(dir, 'gen'), '--name', 'gen');
    expect(result.code, result.stderr).toBe(0);
    const { dataset } = JSON.parse(result.stdout) as { dataset: { format: string; itemCount: number; splits: Record<string, number> } };
    expect(dataset).toMatchObject({ format: 'generated', itemCount: 14, splits: { test: 1, train: 12, val: 1 } });
  });

  it('evaluates two models, writing HTML, CSV and JSON reports', async () => {
    const result = await cli('--json', 'eval', 'gen', '-m', 'test-frame', '-m', 'test-clip', '--report', join(dir, 'r.html'), '--csv', join(dir, 'r.csv'), '--report-json', join(dir, 'r.json'));
    expect(result.code, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as EvalReport;
    expect(report).toMatchObject({ format: 'actionlens-eval', version: 1, dataset: { name: 'gen', items: 14 } });
    expect(report.models.map((m) => m.modelId)).toEqual(['test-frame', 'test-clip']);
    for (const m of report.models) {
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.providers).toEqual(['cpu']);
      expect(m.clips!.count).toBe(12);
      expect(m.clips!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(12);
      expect(m.frames!.sequences).toBe(2);
      expect(m.detection!.thresholds).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
      expect(m.speed.timedRuns).toBe(14);
      expect(m.speed.framesPerSecond).toBeGreaterThan(0);
    }
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]!.clips).toBe(12);
    expect(report.clips).toHaveLength(12);
    expect(report.sequences.map((q) => Object.values(q.runs).every((id) => id !== null))).toEqual([true, true]);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).toMatchObject({ dataset: report.dataset });
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain(report.dataset.fingerprint);
    expect(html).toContain(report.models[0]!.sha256);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src="http/);
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8');
    expect(csv).toContain(`meta,,dataset_fingerprint,${report.dataset.fingerprint}`);
    expect(csv).toContain(`summary,test-clip,top1,${Number(report.models[1]!.clips!.top1.toFixed(6))}`);
  });

  it('a second evaluation reuses every stored run', async () => {
    const runsBefore = (new BetterSqlite3(db, { readonly: true }).prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    const result = await cli('--json', 'eval', 'gen', '-m', 'test-frame', '-m', 'test-clip');
    expect(result.code, result.stderr).toBe(0);
    const again = JSON.parse(result.stdout) as EvalReport;
    expect((new BetterSqlite3(db, { readonly: true }).prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(runsBefore);
    expect(again.models).toEqual(report.models);
    expect(again.pairs).toEqual(report.pairs); // seeded bootstrap: the same intervals
  });

  it('scores one split with --split, and says which splits exist when it is empty', async () => {
    const test = JSON.parse((await cli('--json', 'eval', 'gen', '-m', 'test-frame', '--split', 'test')).stdout) as EvalReport;
    expect(test.dataset.items).toBe(1);
    const none = await cli('eval', 'gen', '-m', 'test-frame', '--split', 'nope');
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe('actionlens: The dataset "gen" has no item in the split "nope" (its splits: test, train, val).');
  });

  it('edits the label mapping and shows what each model cannot map', async () => {
    const mapped = await cli('datasets', 'map', 'gen', 'idle=nothing', '-m', 'test-frame');
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toBe('idle → nothing\ntest-frame: unmapped: idle\n');
    const show = await cli('--json', 'datasets', 'show', 'gen', '-m', 'test-frame');
    expect((JSON.parse(show.stdout) as { mappings: { unmapped: string[] }[] }).mappings[0]!.unmapped).toEqual(['idle']);
    const unset = await cli('datasets', 'map', 'gen', '--unset', 'idle', '-m', 'test-frame');
    expect(unset.stdout).toBe('no explicit mapping: labels map to the classes of the same name\ntest-frame: unmapped: none\n');
    const wrong = await cli('datasets', 'map', 'gen', 'idle');
    expect(wrong.stderr.trim()).toBe('actionlens: "idle" is not dataset_label=model_class');
  });

  it('reports user errors in one line', async () => {
    const missing = await cli('eval', 'nothing', '-m', 'test-frame');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('actionlens: No dataset named "nothing" (see: actionlens datasets list).');
    writeFileSync(join(dir, 'bad.csv'), 'a.mp4\n');
    const bad = await cli('datasets', 'import', join(dir, 'bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv:1: expected "file,label[,split]", found 1 field');
    expect(bad.stderr).not.toContain('    at ');
  });

  it.skipIf(numpyMissing)(`equals the Python recipe on the stored probabilities${numpyMissing ? ` (skipped: ${PYTHON} has no numpy)` : ''}`, () => {
    const store = openStore(db);
    const doc = { classes: 0, clips: [] as unknown[], sequences: [] as unknown[] };
    const model = report.models[1]!; // test-clip: a clip model, windows mapped onto frames
    try {
      doc.classes = model.classes.length;
      const items = store.db.prepare('SELECT i.id, i.path, i.label, i.frames_json FROM dataset_items i JOIN datasets d ON d.id = i.dataset_id WHERE d.name = ? ORDER BY i.path').all('gen') as { path: string; label: string | null; frames_json: string | null }[];
      for (const item of items) {
        const video = store.videos.getByPath(item.path)!;
        const run = store.runs.listForVideo(video.id).filter((r) => r.modelId === model.modelId && r.status === 'completed').at(-1)!;
        const range = store.predictions.readRange(run.id, 0, run.framesDone);
        const frameProbs = Array.from({ length: range.frameCount }, (_, f) => Array.from(range.probs.subarray(f * range.classCount, (f + 1) * range.classCount)));
        if (item.label) doc.clips.push({ truth: model.classes.indexOf(item.label), frameProbs });
        else {
          const runs = JSON.parse(item.frames_json!) as { label: string; startFrame: number; endFrame: number }[];
          const truth = runs.flatMap((r) => new Array<number>(r.endFrame - r.startFrame).fill(model.classes.indexOf(r.label)));
          expect(truth).toHaveLength(range.frameCount);
          doc.sequences.push({ truth, frameProbs });
        }
      }
    } finally {
      store.close();
    }
    writeFileSync(join(dir, 'predictions.json'), JSON.stringify(doc));
    const python = JSON.parse(execFileSync(PYTHON, [join(import.meta.dirname, 'recipe_metrics.py'), join(dir, 'predictions.json')], { encoding: 'utf8' })) as {
      clip_top1: number;
      clip_mean_class_accuracy: number;
      confusion: number[][];
      segmentation: Record<string, number>;
    };
    expect(model.clips!.top1).toBeCloseTo(python.clip_top1, 6);
    expect(model.clips!.meanClassAccuracy).toBeCloseTo(python.clip_mean_class_accuracy, 6);
    expect(model.clips!.confusion).toEqual(python.confusion);
    expect(model.frames!.frameAccuracy).toBeCloseTo(python.segmentation.frame_accuracy!, 6);
    expect(model.frames!.edit).toBeCloseTo(python.segmentation.edit!, 6);
    expect(model.frames!.f1At10).toBeCloseTo(python.segmentation['f1@10']!, 6);
    expect(model.frames!.f1At50).toBeCloseTo(python.segmentation['f1@50']!, 6);
  });
});
