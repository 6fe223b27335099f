import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertRuleSettings } from '../../../src/shared/review.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { ReviewRepository } from '../../../src/main/core/review/review-store.js';
import { recomputeItemsForRun, recordingStartMs, sourceHolds } from '../../../src/main/core/review/recompute.js';
import { sampleModel, sampleVideo, useTempDir } from '../store/helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

const RULE: AlertRuleSettings = { classes: ['run', 'jump'], minConfidence: 0.6, minDurationSec: 0.5, windows: [], preRollSec: 1, postRollSec: 1, mergeGapSec: 2 };
const seg = (label: string, startSec: number, endSec: number, confidence: number) => ({
  label, classIndex: ['walk', 'run', 'jump'].indexOf(label), startFrame: startSec * 30, endFrame: endSec * 30, startSec, endSec, confidence,
});

describe('review items in SQLite (real store file)', () => {
  const temp = useTempDir();
  let store: Store;
  let review: ReviewRepository;
  const cams = path.resolve('/cams');

  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'review.db')));
    review = new ReviewRepository(store.db);
    store.models.upsert(sampleModel('cnn-lstm@1'));
  });

  function completedRun(file: string, segments: ReturnType<typeof seg>[], fingerprint = file): { runId: number; videoId: number } {
    const video = store.videos.upsert(sampleVideo(file, fingerprint));
    const run = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: `h-${file}-${Math.random()}`, provider: 'cpu' });
    store.runs.markRunning(run.id, { providerUsed: 'cpu' });
    store.segments.replaceForRun(run.id, segments);
    store.runs.markCompleted(run.id, { framesDone: 300 });
    return { runId: run.id, videoId: video.id };
  }

  it('a source holds files in its folder (and below for a tree)', () => {
    expect(sourceHolds({ path: cams, recursive: false }, path.join(cams, 'a.ts'))).toBe(true);
    expect(sourceHolds({ path: cams, recursive: false }, path.join(cams, 'door', 'a.ts'))).toBe(false);
    expect(sourceHolds({ path: cams, recursive: true }, path.join(cams, 'door', 'a.ts'))).toBe(true);
    expect(sourceHolds({ path: cams, recursive: true }, `${cams}-old/a.ts`)).toBe(false);
  });

  it('a completed run becomes grouped items; filters, counts, verdicts, notes, false alarms; recomputing keeps the triage', () => {
    const front = review.addSource({ name: 'front', path: path.join(cams, 'front'), recursive: false, modelIds: ['cnn-lstm@1'], stride: 4 });
    const rule = review.addRule(front.id, 'falls and running', RULE);
    const other = review.addSource({ name: 'back', path: path.join(cams, 'back'), recursive: false, modelIds: ['other@1'], stride: 4 });
    review.addRule(other.id, 'all', { ...RULE, classes: [] });

    const { runId, videoId } = completedRun(path.join(cams, 'front', 'a.mp4'), [seg('run', 1, 2, 0.9), seg('jump', 3, 4, 0.7), seg('walk', 5, 9, 0.99), seg('run', 8, 9, 0.5)]);
    expect(recomputeItemsForRun(store, review, runId)).toBe(1);
    const page = review.page();
    expect(page.total).toBe(1);
    expect(page.unreviewedTotal).toBe(1);
    const [item] = page.items;
    expect(item).toMatchObject({ sourceName: 'front', ruleId: rule.id, videoId, runId, startSec: 0, endSec: 5, score: 0.9, classes: ['run', 'jump'], segmentCount: 2, people: null, verdict: null, note: '', peakFrame: 44 });
    const video = store.videos.get(videoId)!;
    expect(Date.parse(item!.startedAt)).toBe(Math.floor(recordingStartMs(video)));

    // a second recording, later: newest first
    const later = completedRun(path.join(cams, 'front', 'b.mp4'), [seg('jump', 2, 3, 0.8), seg('run', 7, 8, 0.95)]);
    store.db.prepare('UPDATE videos SET mtime_ms = mtime_ms + 3600000 WHERE id = ?').run(later.videoId);
    expect(recomputeItemsForRun(store, review, later.runId)).toBe(2);
    expect(review.page().items.map((i) => [i.videoId, i.startSec])).toEqual([[later.videoId, 6], [later.videoId, 1], [videoId, 0]]);
    expect(review.page({ className: 'jump' }).total).toBe(2);
    expect(review.page({ limit: 1, offset: 1 }).items[0]!.startSec).toBe(1);
    const counts = review.counts();
    expect(counts.reduce((n, c) => n + c.total, 0)).toBe(3);

    const [newest, middle] = review.page().items;
    expect(review.setVerdict([newest!.id], 'false_alarm')).toBe(1);
    expect(review.setVerdict([middle!.id, item!.id], 'reviewed')).toBe(2);
    review.setNote(middle!.id, 'neighbour jumping the fence');
    expect(review.page({ state: 'unreviewed' }).total).toBe(0);
    expect(review.page({ state: 'false_alarm' }).items.map((i) => i.id)).toEqual([newest!.id]);
    expect(review.falseAlarms(rule.id)).toEqual([{ className: 'run', score: 0.95 }]);

    // recomputed (e.g. the recording grew): the overlapping items keep verdict and note, the false alarm stays kept
    expect(recomputeItemsForRun(store, review, later.runId)).toBe(2);
    const again = review.page({ sourceId: front.id });
    expect(again.items.map((i) => [i.verdict, i.note])).toEqual([['false_alarm', ''], ['reviewed', 'neighbour jumping the fence'], ['reviewed', '']]);
    expect(review.falseAlarms(rule.id)).toHaveLength(1);

    expect(() => review.item(9999)).toThrow('No review item 9999');
    expect(() => review.addSource({ name: 'front', path: '/elsewhere', recursive: false, modelIds: [], stride: 1 })).toThrow(/Could not add the source "front" in .*review\.db: it already exists/);
    expect(review.removeSource(front.id)).toBe(true);
    expect(review.page().total).toBe(0);
    expect(review.rules(front.id)).toEqual([]);
  });

  it('counts the people of a pose run in the item span when there is one', () => {
    const front = review.addSource({ name: 'front', path: path.join(cams, 'front'), recursive: false, modelIds: ['cnn-lstm@1'], stride: 1 });
    review.addRule(front.id, 'all', { ...RULE, preRollSec: 0, postRollSec: 0 });
    const { runId, videoId } = completedRun(path.join(cams, 'front', 'p.mp4'), [seg('run', 1, 2, 0.9)]);
    store.models.upsert({ ...sampleModel('pose:lightning'), id: 'pose:lightning', family: 'pose', version: 'lightning' });
    const pose = store.runs.create({ videoId, modelId: 'pose:lightning', params: testRunParams(), paramsHash: 'pose-h', provider: 'cpu' });
    store.runs.markRunning(pose.id, { providerUsed: 'cpu' });
    const present = (ranges: [number, number][]) => Buffer.from(Array.from({ length: 100 }, (_, f) => (ranges.some(([a, b]) => f >= a && f < b) ? 1 : 0)));
    const insert = store.db.prepare('INSERT INTO pose_track_chunks (run_id, track_id, start_frame, frame_count, person_count, present, boxes, points, scores) VALUES (?, ?, 0, 100, ?, ?, ?, ?, ?)');
    for (const [track, ranges] of [[1, [[30, 60]]], [2, [[50, 55]]], [3, [[80, 90]]]] as [number, [number, number][]][]) {
      const p = present(ranges);
      const n = p.reduce((s, b) => s + b, 0);
      insert.run(pose.id, track, n, p, Buffer.alloc(n * 20), Buffer.alloc(n * 136), Buffer.alloc(n * 17));
    }
    store.runs.markCompleted(pose.id, { framesDone: 100 });
    recomputeItemsForRun(store, review, runId);
    expect(review.page().items[0]!.people).toBe(2); // frames 30–60: tracks 1 and 2, not 3
  });
});
