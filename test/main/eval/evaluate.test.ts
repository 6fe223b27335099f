/**
 * evaluate() in process on stored runs (real SQLite, a real clip, the test models' labels):
 * segment truth gives detection mAP, unmapped labels are left out and reported, items without a
 * run are counted, and --no-compute stores nothing new.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { Datasets } from '../../../src/main/core/eval/datasets/service.js';
import { evaluate } from '../../../src/main/core/eval/evaluate.js';
import { storeSyntheticRun } from '../../e2e/syntheticRun.js';

const MODELS = resolve(import.meta.dirname, '../../fixtures/models');
let dir = '';
let core: AppCore;
let datasets: Datasets;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evaluate-'));
  const clip = join(dir, 'a.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', clip]);
  copyFileSync(clip, join(dir, 'b.mp4'));
  copyFileSync(clip, join(dir, 'c.mp4'));
  core = openAppCore({ databaseFile: join(dir, 'db.sqlite'), version: 'test', modelDirs: [MODELS] });
  datasets = new Datasets(core.store, core.models);
  const { added } = await core.library.add([join(dir, 'a.mp4'), join(dir, 'b.mp4'), join(dir, 'c.mp4')]);
  // Runs for a and b only: c has none.
  for (const [i, video] of added.slice(0, 2).entries()) await storeSyntheticRun(core, { videoId: video.id, modelId: 'test-frame', frames: 100, seed: i + 1, maxActionSec: 1 });
});
afterAll(async () => core.close());

describe('evaluate', () => {
  it('scores clip labels, leaving out unmapped labels and items without a run, and reports both', async () => {
    writeFileSync(join(dir, 'clips.csv'), 'a.mp4,walk\nb.mp4,ride_bike\nc.mp4,walk\n');
    await datasets.import(join(dir, 'clips.csv'), { name: 'clips' });
    const runsBefore = core.store.db.prepare('SELECT count(*) AS n FROM runs').get();
    const report = await evaluate(core, datasets, 'test', { dataset: 'clips', models: ['test-frame'], compute: false });
    const [model] = report.models;
    expect(model!.unmappedLabels).toEqual(['ride_bike']);
    expect(model!.clips).toMatchObject({ count: 1, excluded: 2 });
    expect(report.notes).toContain('test-frame: 1 of 3 items have no completed run (run without --no-compute to compute them)');
    expect(report.notes.some((n) => n.startsWith('test-frame: no class for ride_bike'))).toBe(true);
    expect(report.clips.map((c) => [c.path.slice(-5), c.predictions['test-frame'] !== null])).toEqual([['a.mp4', true], ['b.mp4', false], ['c.mp4', false]]);
    expect(core.store.db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual(runsBefore);
    expect(report.pairs).toEqual([]);
  });

  it('scores ActivityNet segment truth with mAP against the runs\' segments', async () => {
    // The synthetic run's own segments as truth, in seconds: every one is found (AP 100) at every threshold.
    const video = core.store.videos.getByPath(join(dir, 'a.mp4'))!;
    const run = core.store.runs.listForVideo(video.id).find((r) => r.status === 'completed')!;
    const segments = core.store.segments.listForRun(run.id);
    expect(segments.length).toBeGreaterThan(1);
    const annotations = segments.map((s) => ({ segment: [s.startSec, s.endSec], label: s.label }));
    writeFileSync(join(dir, 'gt.json'), JSON.stringify({ database: { a: { subset: 'validation', annotations } } }));
    await datasets.import(join(dir, 'gt.json'), { name: 'segments', videosDir: dir });
    const report = await evaluate(core, datasets, 'test', { dataset: 'segments', models: ['test-frame'], compute: false });
    const detection = report.models[0]!.detection!;
    expect(detection.mapAt).toEqual([100, 100, 100, 100, 100]);
    expect(report.models[0]!.clips).toBeNull();
    expect(report.models[0]!.frames).toBeNull();
  });
});
