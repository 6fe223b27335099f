/** Every write the store's repositories make, each with a way to tell whether it was stored: the full-disk and damaged-database tests run them all. */
import { relocateVideo } from '../../../src/main/core/store/video-location.js';
import type { Store } from '../../../src/main/core/store/index.js';
import { sampleModel, sampleVideo } from './helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

export interface Seed {
  videoId: number;
  queuedRun: number;
  runningRun: number;
  trackId: number;
  segmentId: number;
  heartbeatAt: string | null;
}

const OWNER = 'host:1';
const segment = { label: 'walk', classIndex: 0, startFrame: 0, endFrame: 10, startSec: 0, endSec: 1, confidence: 0.9 };

/** A small library with a queued run, a running run (with a chunk and segments), and a track with a segment. */
export function seed(store: Store): Seed {
  const video = store.videos.upsert(sampleVideo());
  store.models.upsert(sampleModel());
  store.models.upsert(sampleModel('spare@1'));
  const queued = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'q', provider: 'cpu' });
  const running = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'r', provider: 'cpu' });
  const started = store.runs.markRunning(running.id, { providerUsed: 'cpu', owner: OWNER });
  store.predictions.appendChunk(running.id, 0, new Float32Array(30).fill(0.5), 3);
  store.segments.replaceForRun(running.id, [segment]);
  const track = store.annotations.create(video.id, 'mine');
  const added = store.segments.addToTrack(track.id, segment);
  return { videoId: video.id, queuedRun: queued.id, runningRun: running.id, trackId: track.id, segmentId: added.id, heartbeatAt: started.heartbeatAt };
}

export interface WritePath {
  name: string;
  write(store: Store, seed: Seed): unknown;
  /** True once the write is visible in the database. */
  stored(store: Store, seed: Seed): boolean;
}

const bigProbe = (n: number) => new Float32Array(3 * n).fill(0.25);
const manySegments = Array.from({ length: 200 }, (_, i) => ({ ...segment, label: `s${i}`, startFrame: i, endFrame: i + 1 }));

export const WRITE_PATHS: WritePath[] = [
  {
    name: 'videos.upsert (insert)',
    write: (s) => s.videos.upsert(sampleVideo('/videos/' + 'b'.repeat(200) + '.mp4', 'fp-b')),
    stored: (s) => s.videos.count() === 2,
  },
  {
    name: 'videos.upsert (update)',
    write: (s) => s.videos.upsert({ ...sampleVideo(), sizeBytes: 42 }),
    stored: (s, d) => s.videos.get(d.videoId)?.sizeBytes === 42,
  },
  { name: 'relocateVideo', write: (s, d) => relocateVideo(s, d.videoId, '/videos/moved.mp4', 1), stored: (s, d) => s.videos.get(d.videoId)?.path === '/videos/moved.mp4' },
  { name: 'models.upsert', write: (s) => s.models.upsert(sampleModel('other@2')), stored: (s) => s.models.get('other@2') !== undefined },
  { name: 'models.remove', write: (s) => s.models.remove('spare@1'), stored: (s) => s.models.get('spare@1') === undefined },
  {
    name: 'runs.create',
    write: (s, d) => s.runs.create({ videoId: d.videoId, modelId: 'cnn-lstm@1', params: testRunParams({ videoFingerprint: 'p'.repeat(3000) }), paramsHash: 'new', provider: 'cpu' }),
    stored: (s, d) => s.runs.listForVideo(d.videoId).length === 3,
  },
  { name: 'runs.markRunning', write: (s, d) => s.runs.markRunning(d.queuedRun, { providerUsed: 'cpu', owner: OWNER }), stored: (s, d) => s.runs.get(d.queuedRun)?.status === 'running' },
  { name: 'runs.updateProgress', write: (s, d) => s.runs.updateProgress(d.runningRun, 7), stored: (s, d) => s.runs.get(d.runningRun)?.framesDone === 7 },
  { name: 'runs.heartbeat', write: (s, d) => s.runs.heartbeat(d.runningRun, OWNER), stored: (s, d) => s.runs.get(d.runningRun)?.heartbeatAt !== d.heartbeatAt },
  { name: 'runs.markCompleted', write: (s, d) => s.runs.markCompleted(d.runningRun, { framesDone: 10 }), stored: (s, d) => s.runs.get(d.runningRun)?.status === 'completed' },
  { name: 'runs.markFailed', write: (s, d) => s.runs.markFailed(d.runningRun, new Error('x')), stored: (s, d) => s.runs.get(d.runningRun)?.status === 'failed' },
  { name: 'runs.markCancelled', write: (s, d) => s.runs.markCancelled(d.runningRun), stored: (s, d) => s.runs.get(d.runningRun)?.status === 'cancelled' },
  { name: 'runs.requeueInterrupted', write: (s) => s.runs.requeueInterrupted(), stored: (s, d) => s.runs.get(d.runningRun)?.status === 'queued' },
  { name: 'runs.remove', write: (s, d) => s.runs.remove(d.queuedRun), stored: (s, d) => s.runs.get(d.queuedRun) === undefined },
  { name: 'predictions.appendChunk', write: (s, d) => s.predictions.appendChunk(d.runningRun, s.predictions.lastCommittedFrame(d.runningRun) + 1, bigProbe(2000), 3, 'f32'), stored: (s, d) => s.predictions.lastCommittedFrame(d.runningRun) > 9 },
  { name: 'predictions.deleteForRun', write: (s, d) => s.predictions.deleteForRun(d.runningRun), stored: (s, d) => s.predictions.lastCommittedFrame(d.runningRun) === -1 },
  { name: 'segments.replaceForRun', write: (s, d) => s.segments.replaceForRun(d.runningRun, manySegments), stored: (s, d) => s.segments.listForRun(d.runningRun).length === 200 },
  { name: 'segments.replaceForTrack', write: (s, d) => s.segments.replaceForTrack(d.trackId, manySegments), stored: (s, d) => s.segments.listForTrack(d.trackId).length === 200 },
  { name: 'segments.addToTrack', write: (s, d) => s.segments.addToTrack(d.trackId, { ...segment, label: 'l'.repeat(3000) }), stored: (s, d) => s.segments.listForTrack(d.trackId).length === 2 },
  { name: 'segments.update', write: (s, d) => s.segments.update(d.segmentId, { ...segment, label: 'edited' }), stored: (s, d) => s.segments.get(d.segmentId)?.label === 'edited' },
  { name: 'segments.remove', write: (s, d) => s.segments.remove(d.segmentId), stored: (s, d) => s.segments.get(d.segmentId) === undefined },
  { name: 'annotations.create', write: (s, d) => s.annotations.create(d.videoId, 'n'.repeat(3000)), stored: (s, d) => s.annotations.listForVideo(d.videoId).length === 2 },
  { name: 'annotations.rename', write: (s, d) => s.annotations.rename(d.trackId, 'renamed'), stored: (s, d) => s.annotations.get(d.trackId)?.name === 'renamed' },
  { name: 'annotations.remove', write: (s, d) => s.annotations.remove(d.trackId), stored: (s, d) => s.annotations.get(d.trackId) === undefined },
  { name: 'videos.remove', write: (s, d) => s.videos.remove(d.videoId), stored: (s, d) => s.videos.get(d.videoId) === undefined },
];
