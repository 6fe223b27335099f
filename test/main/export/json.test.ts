import { describe, expect, it } from 'vitest';
import {
  collectText,
  formatActivityNet,
  formatFramesCsv,
  formatRunJson,
  topKFrames,
  type ExportSegment,
} from '../../../src/main/core/export/index.js';

const segments: ExportSegment[] = [
  { label: 'walk', classIndex: 0, startFrame: 0, endFrame: 31, startSec: 0, endSec: 31 / 30, confidence: Math.fround(0.81) },
  { label: 'wave "hello"', classIndex: 2, startFrame: 31, endFrame: 40, startSec: 31 / 30, endSec: 40 / 30, confidence: 0.5 },
];

describe('formatRunJson', () => {
  it('is one JSON document: run facts as given, segments and frames rounded to 6 decimals', () => {
    const run = { video: 'clip.mp4', model: 'two-stream@1', runId: 7, postprocess: { threshold: 0.4 } };
    const frames = [{ frame: 0, timeSec: 0, labels: ['walk', 'run'], probabilities: [Math.fround(0.9), Math.fround(0.1)] }];
    const text = collectText(formatRunJson({ run, segments, frames }));
    expect(JSON.parse(text)).toEqual({
      format: 'actionlens-run',
      formatVersion: 1,
      run,
      segments: [
        { label: 'walk', classIndex: 0, startFrame: 0, endFrame: 31, startSec: 0, endSec: 1.033333, confidence: 0.81 },
        { label: 'wave "hello"', classIndex: 2, startFrame: 31, endFrame: 40, startSec: 1.033333, endSec: 1.333333, confidence: 0.5 },
      ],
      frames: [{ frame: 0, timeSec: 0, labels: ['walk', 'run'], probabilities: [0.9, 0.1] }],
    });
  });

  it('leaves frames out when not given, and writes empty lists as []', () => {
    const parsed = JSON.parse(collectText(formatRunJson({ run: { video: 'v', model: 'm' }, segments: [] })));
    expect(parsed).toEqual({ format: 'actionlens-run', formatVersion: 1, run: { video: 'v', model: 'm' }, segments: [] });
  });
});

describe('formatActivityNet', () => {
  it('writes the detection results form that ActivityNet evaluation reads', () => {
    const annotation: ExportSegment = { label: 'run', startFrame: 0, endFrame: 10, startSec: 0, endSec: 0.4, confidence: null };
    const text = collectText(
      formatActivityNet({ videos: [{ videoId: 'clip-a', segments }, { videoId: 'clip-b', segments: [annotation] }, { videoId: 'empty', segments: [] }] }),
    );
    expect(JSON.parse(text)).toEqual({
      version: 'VERSION 1.3',
      results: {
        'clip-a': [
          { label: 'walk', score: 0.81, segment: [0, 1.033333] },
          { label: 'wave "hello"', score: 0.5, segment: [1.033333, 1.333333] },
        ],
        'clip-b': [{ label: 'run', score: 1, segment: [0, 0.4] }],
        empty: [],
      },
      external_data: {},
    });
  });

  it('passes version and external_data through', () => {
    const text = collectText(formatActivityNet({ videos: [], version: 'VERSION 1.2', externalData: { used: false, details: 'none' } }));
    expect(JSON.parse(text)).toEqual({ version: 'VERSION 1.2', results: {}, external_data: { used: false, details: 'none' } });
  });

  it('refuses a video id listed twice', () => {
    const videos = [{ videoId: 'x', segments }, { videoId: 'x', segments }];
    expect(() => collectText(formatActivityNet({ videos }))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('topKFrames', () => {
  const labels = ['walk', 'run', 'jump', 'sit'];
  const chunk = (startFrame: number, rows: number[][]) => ({ startFrame, frameCount: rows.length, classCount: 4, probs: Float32Array.from(rows.flat()) });

  it('gives each frame its k best classes across chunks, ties to the lower index', () => {
    const frames = [...topKFrames([chunk(10, [[0.1, 0.6, 0.1, 0.2]]), chunk(11, [[0.25, 0.25, 0.5, 0], [0.4, 0.1, 0.1, 0.4]])], { labels, k: 2, frameTimes: (f) => f / 10 })];
    expect(frames.map((f) => [f.frame, f.timeSec, f.labels, f.probabilities.map((p) => Number(p.toFixed(4)))])).toEqual([
      [10, 1, ['run', 'sit'], [0.6, 0.2]],
      [11, 1.1, ['jump', 'walk'], [0.5, 0.25]],
      [12, 1.2, ['walk', 'sit'], [0.4, 0.4]],
    ]);
  });

  it('keeps at most every class, and refuses labels that do not match', () => {
    const [frame] = [...topKFrames([chunk(0, [[0.1, 0.2, 0.3, 0.4]])], { labels, k: 9, frameTimes: () => 0 })];
    expect(frame!.labels).toEqual(['sit', 'jump', 'run', 'walk']);
    const wrong = () => [...topKFrames([chunk(0, [[0.1, 0.2, 0.3, 0.4]])], { labels: ['a'], k: 1, frameTimes: () => 0 })];
    expect(wrong).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'labels' }));
    expect(() => [...topKFrames([], { labels, k: 0, frameTimes: () => 0 })]).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'k' }));
  });

  it('streams an hour at 400 classes into frame rows without holding them', () => {
    const classCount = 400;
    const chunkFrames = 3000;
    const probs = new Float32Array(chunkFrames * classCount).map((_, i) => ((i * 7919) % 1000) / 1000);
    const manyLabels = Array.from({ length: classCount }, (_, c) => `class ${c}`);
    function* chunks() {
      for (let start = 0; start < 108_000; start += chunkFrames) yield { startFrame: start, frameCount: chunkFrames, classCount, probs };
    }
    let lines = 0;
    let bytes = 0;
    const rows = formatFramesCsv(topKFrames(chunks(), { labels: manyLabels, k: 5, frameTimes: (f) => f / 30 }), { video: 'v', model: 'm', topK: 5 });
    for (const line of rows) {
      lines++;
      bytes += line.length;
    }
    expect(lines).toBe(108_001);
    expect(bytes).toBeGreaterThan(108_000 * 50);
  });
});
