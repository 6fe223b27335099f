import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { sampleModel, sampleVideo, useTempDir } from './helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

const CLASSES = 5;

/** Deterministic probabilities for frames [start, start + frames), with values that are not exact in u16. */
function probsFor(start: number, frames: number): Float32Array {
  const out = new Float32Array(frames * CLASSES);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < CLASSES; c++) out[f * CLASSES + c] = ((start + f) * 7 + c * 13) % 101 / 100.3;
  }
  return out;
}

describe('PredictionsRepository', () => {
  const temp = useTempDir();
  let store: Store;
  let runId: number;
  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'library.db')));
    const video = store.videos.upsert(sampleVideo());
    store.models.upsert(sampleModel());
    runId = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu' }).id;
  });

  it('round-trips f32 exactly', () => {
    const probs = probsFor(0, 10);
    probs[3] = 1e-30; // tiny values survive f32 untouched
    store.predictions.appendChunk(runId, 0, probs, CLASSES, 'f32');
    const range = store.predictions.readRange(runId, 0, 10);
    expect(range).toMatchObject({ startFrame: 0, frameCount: 10, classCount: CLASSES });
    expect(Array.from(range.probs)).toEqual(Array.from(probs));
  });

  it('round-trips u16q within 1/65535, clamping to [0, 1]', () => {
    const probs = probsFor(0, 20);
    probs[0] = -0.2;
    probs[1] = 1.7;
    store.predictions.appendChunk(runId, 0, probs, CLASSES, 'u16q');
    const { probs: decoded } = store.predictions.readRange(runId, 0, 20);
    expect(decoded[0]).toBe(0);
    expect(decoded[1]).toBe(1);
    for (let i = 2; i < probs.length; i++) expect(Math.abs(decoded[i]! - probs[i]!)).toBeLessThanOrEqual(1 / 65535);
    const blobBytes = store.db.prepare('SELECT length(probs) FROM prediction_chunks WHERE run_id = ?').pluck().get(runId);
    expect(blobBytes).toBe(20 * CLASSES * 2);
  });

  it('reads ranges across chunk boundaries and mixed encodings, clamped to committed frames', () => {
    expect(store.predictions.lastCommittedFrame(runId)).toBe(-1);
    store.predictions.appendChunk(runId, 0, probsFor(0, 8), CLASSES, 'f32');
    store.predictions.appendChunk(runId, 8, probsFor(8, 8), CLASSES, 'u16q');
    store.predictions.appendChunk(runId, 16, probsFor(16, 3), CLASSES, 'f32');
    expect(store.predictions.lastCommittedFrame(runId)).toBe(18);

    const range = store.predictions.readRange(runId, 5, 18); // spans all three chunks
    expect(range).toMatchObject({ startFrame: 5, frameCount: 13, classCount: CLASSES });
    const expected = probsFor(5, 13);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(range.probs[i]! - expected[i]!)).toBeLessThanOrEqual(1 / 65535);

    expect(store.predictions.readRange(runId, 8, 16).frameCount).toBe(8); // exactly the middle chunk
    expect(store.predictions.readRange(runId, 17, 1000)).toMatchObject({ startFrame: 17, frameCount: 2 });
    expect(store.predictions.readRange(runId, 500, 600)).toMatchObject({ frameCount: 0, classCount: CLASSES });
    expect(store.predictions.readRange(runId + 1, 0, 10)).toMatchObject({ frameCount: 0, classCount: 0 });
  });

  it('accepts only contiguous chunks with a consistent class count', () => {
    store.predictions.appendChunk(runId, 0, probsFor(0, 4), CLASSES);
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => store.predictions.appendChunk(runId, 6, probsFor(6, 2), CLASSES)).toThrow(invalid); // gap
    expect(() => store.predictions.appendChunk(runId, 2, probsFor(2, 2), CLASSES)).toThrow(invalid); // overlap
    expect(() => store.predictions.appendChunk(runId, 4, new Float32Array(8), 4)).toThrow(invalid);
    expect(() => store.predictions.appendChunk(runId, 4, new Float32Array(7), CLASSES)).toThrow(invalid);
    expect(store.predictions.lastCommittedFrame(runId)).toBe(3);
    expect(store.predictions.deleteForRun(runId)).toBe(1);
    const unknownRun = () => store.predictions.appendChunk(9999, 0, probsFor(0, 1), CLASSES);
    expect(unknownRun).toThrow(expect.objectContaining({ code: 'DB_ERROR' }));
  });

  it('the blob length CHECK rejects a chunk whose size disagrees with its shape', () => {
    const insert = store.db.prepare(
      "INSERT INTO prediction_chunks (run_id, start_frame, frame_count, class_count, encoding, probs) VALUES (?, 0, 2, 5, 'u16q', ?)",
    );
    expect(() => insert.run(runId, Buffer.alloc(2 * 5 * 4))).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(runId, Buffer.alloc(2 * 5 * 2))).not.toThrow();
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
