import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { useTestCore } from '../analysis/core.js';
import { testRunParams } from '../../helpers/run-params.js';

const cores = useTestCore();

it('a rule added or changed recomputes its source; a raised threshold drops items, kept false alarms stay; bad settings name the field', async () => {
  const core = cores.open();
  const folder = path.join(tmpDir('service'), 'cam');
  mkdirSync(folder);
  const file = await makeClip({ dir: folder, name: 'a.mp4', seconds: 4, fps: '25', width: 160, height: 120 });
  const { added } = await core.library.add([file]);
  const video = core.store.videos.get(added[0]!.id)!;
  await core.models.get('test-frame'); // registers the fixture model in the store
  const run = core.store.runs.create({ videoId: video.id, modelId: 'test-frame', params: testRunParams(), paramsHash: 'h', provider: 'cpu' });
  core.store.runs.markRunning(run.id, { providerUsed: 'cpu' });
  const seg = (label: string, s: number, e: number, confidence: number) => ({ label, classIndex: 1, startFrame: s * 25, endFrame: e * 25, startSec: s, endSec: e, confidence });
  core.store.segments.replaceForRun(run.id, [seg('run', 0, 1, 0.55), seg('fall', 2, 3, 0.9)]);
  core.store.runs.markCompleted(run.id, { framesDone: 100 });

  const source = await core.review.addSource({ name: 'cam', path: folder, modelIds: ['test-frame'] });
  expect(source).toMatchObject({ recursive: false, stride: 4 });
  const rule = core.review.addRule(source.id, 'all', { minConfidence: 0.5, mergeGapSec: 0.5, preRollSec: 0, postRollSec: 0 });
  expect(core.review.repo.page().items.map((i) => i.classes)).toEqual([['fall'], ['run']]);

  const weak = core.review.repo.page().items.find((i) => i.classes[0] === 'run')!;
  core.review.repo.setVerdict([weak.id], 'false_alarm');
  expect(core.review.impact(rule.id, 0.6)).toMatchObject({ items: 2, removedItems: 1, removedFalseAlarms: 1, falseAlarms: 1 });
  core.review.updateRule(rule.id, { ...core.review.settingsOf(rule.id), minConfidence: 0.6 });
  expect(core.review.repo.page().items.map((i) => i.classes)).toEqual([['fall']]);
  expect(core.review.repo.falseAlarms(rule.id)).toEqual([{ className: 'run', score: 0.55 }]);

  expect(() => core.review.updateRule(rule.id, { windows: [{ start: '9:00', end: '17:00' }] })).toThrow('Rule 1: windows.0.start must be a time of day HH:MM (00:00–23:59).');
  await expect(core.review.addSource({ name: 'x', path: folder, modelIds: [] })).rejects.toThrow('Source: modelIds must name at least one model.');
});
