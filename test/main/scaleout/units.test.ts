import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.js';
import { storeRemoteChunk } from '../../../src/main/core/scaleout/collector.js';
import { queueConnection, redact } from '../../../src/main/core/scaleout/connection.js';
import { mapPath, parsePathMap } from '../../../src/main/core/scaleout/path-map.js';
import { mergeSettings, splitPassword, withPassword } from '../../../src/main/core/scaleout/placement.js';
import { toBase64, type ResultMessage } from '../../../src/main/core/scaleout/protocol.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { sampleModel, sampleVideo, useTempDir } from '../store/helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

describe('queueConnection', () => {
  it('takes user, password, port, database and TLS from the URL', () => {
    const c = queueConnection('rediss://al:p%40ss@queue.example:6380/2');
    expect(c.redis).toMatchObject({ host: 'queue.example', port: 6380, username: 'al', password: 'p@ss', db: 2, tls: { servername: 'queue.example' } });
    expect(c.display).toBe('rediss://al:***@queue.example:6380/2');
  });

  it('allows a loopback Redis without a password, refuses a remote one unless told', () => {
    expect(queueConnection('redis://127.0.0.1:7000').redis.password).toBeUndefined();
    expect(queueConnection('redis://[::1]:7000').redis.host).toBe('::1');
    expect(() => queueConnection('redis://10.0.0.5:6379')).toThrow(/has no password and is not on this machine/);
    expect(queueConnection('redis://10.0.0.5:6379', { insecure: true }).redis.host).toBe('10.0.0.5');
  });

  it('never repeats the password in an error', () => {
    try {
      queueConnection('http://u:topsecret@host');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'INVALID_ARGUMENT')).toBe(true);
      expect((error as Error).message).not.toContain('topsecret');
    }
    expect(redact('redis://:pw@h:1')).toBe('redis://:***@h:1');
  });
});

describe('path maps', () => {
  it('rewrites whole-folder prefixes, the longest first', () => {
    const maps = [parsePathMap('/mnt/footage=/data/f'), parsePathMap('/mnt/footage/cam2/=/fast/cam2')];
    expect(mapPath('/mnt/footage/cam1/a.mp4', maps)).toBe('/data/f/cam1/a.mp4');
    expect(mapPath('/mnt/footage/cam2/b.mp4', maps)).toBe('/fast/cam2/b.mp4');
    expect(mapPath('/mnt/footage2/c.mp4', maps)).toBe('/mnt/footage2/c.mp4');
  });

  it('refuses a map without both sides', () => {
    expect(() => parsePathMap('/only')).toThrow(/FROM=TO/);
    expect(() => parsePathMap('=/x')).toThrow(/FROM=TO/);
  });
});

describe('storeRemoteChunk', () => {
  const temp = useTempDir();
  const CLASSES = 3;
  let store: Store;
  let runId: number;
  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'library.db')));
    const video = store.videos.upsert(sampleVideo());
    store.models.upsert(sampleModel());
    runId = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu' }).id;
  });

  const chunk = (start: number, end: number): Extract<ResultMessage, { kind: 'chunk' }> => {
    const probs = new Float32Array((end - start) * CLASSES).map((_, i) => ((start * CLASSES + i) % 7) / 7);
    const times = new Float64Array(end - start).map((_, i) => (start + i) / 25);
    return { kind: 'chunk', jobId: 'j', runId, start, end, probs: toBase64(probs), times: toBase64(times), resume: { frame: end, state: null }, gaps: [{ startFrame: start, frameCount: 1 }], provider: 'cpu', threads: { intraOp: 1, interOp: 1 } };
  };

  it('stores in order, drops a chunk already stored, keeps only the new tail of an overlapping one, refuses one ahead', () => {
    expect(storeRemoteChunk(store, chunk(0, 10), CLASSES, 'me')).toEqual({ stored: true, framesDone: 10 });
    expect(store.runs.get(runId)!.status).toBe('running');
    expect(storeRemoteChunk(store, chunk(0, 10), CLASSES, 'me')).toEqual({ stored: false, reason: 'duplicate' });
    expect(storeRemoteChunk(store, chunk(5, 20), CLASSES, 'me')).toEqual({ stored: true, framesDone: 20 });
    expect(storeRemoteChunk(store, chunk(25, 30), CLASSES, 'me')).toEqual({ stored: false, reason: 'ahead' });
    expect(store.predictions.lastCommittedFrame(runId)).toBe(19);
    // The overlapping chunk's rows 10..19 are its own rows 5..14: the values continue without a seam.
    const range = store.predictions.readRange(runId, 0, 20);
    const expected = new Float32Array(20 * CLASSES).map((_, i) => (i % 7) / 7);
    for (let i = 0; i < expected.length; i++) expect(range.probs[i]).toBeCloseTo(expected[i]!, 4);
    // The overlapping chunk's gap (frame 5) lies in the part already stored: only the first chunk's gap (frame 0) is kept.
    expect(store.predictions.gaps(runId)).toEqual([{ startFrame: 0, frameCount: 1 }]);
    expect(store.runs.get(runId)!.framesDone).toBe(20);
  });
});

describe('analysis place settings', () => {
  const stored = { place: 'workers' as const, queueUrl: 'redis://al@q:6379', password: 'old', tlsCaFile: '/ca.pem', insecureRedis: false };

  it('takes a password out of the URL, keeps the stored one when omitted, clears it with null or ""', () => {
    expect(splitPassword('redis://al:p%40ss@q:6379/2')).toEqual({ url: 'redis://al@q:6379/2', password: 'p@ss' });
    expect(splitPassword('not a url')).toEqual({ url: 'not a url', password: null });
    expect(mergeSettings(stored, { place: 'both' })).toEqual({ ...stored, place: 'both' });
    expect(mergeSettings(stored, { place: 'workers', queueUrl: 'redis://al:new@q:6379' })).toMatchObject({ queueUrl: 'redis://al@q:6379', password: 'new' });
    expect(mergeSettings(stored, { place: 'workers', queueUrl: 'redis://al:inurl@q:6379', password: 'field' }).password).toBe('field');
    expect(mergeSettings(stored, { place: 'local', password: null }).password).toBeNull();
    expect(mergeSettings(stored, { place: 'local', password: '', tlsCaFile: '' })).toMatchObject({ password: null, tlsCaFile: null });
    expect(mergeSettings(stored, { place: 'local', queueUrl: null }).queueUrl).toBeNull();
  });

  it('puts the password back for the connection, with the default user when none is named', () => {
    expect(withPassword('redis://q:6379', 'p@ss')).toBe('redis://default:p%40ss@q:6379');
    expect(queueConnection(withPassword('redis://al@q:6379', 'p@ss')).redis).toMatchObject({ username: 'al', password: 'p@ss' });
    expect(withPassword('redis://q:6379', null)).toBe('redis://q:6379');
  });
});
