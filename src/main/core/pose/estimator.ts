/**
 * The pose estimator the engine, the CLI and the skeleton tools use: MultiPose finds people,
 * Lightning or Thunder refines each tracked person on their own crop, and a tracker keeps ids
 * stable across frames. All of it runs in a worker thread (src/workers/pose). Usage:
 *
 *   const estimator = await createPoseEstimator({ settings: DEFAULT_POSE_SETTINGS });
 *   for (const frame of frames) poses.push(await estimator.estimate(frame)); // in frame order
 *   const state = estimator.snapshot(); // store with the chunk; restore(state) resumes exactly
 *   await estimator.close();
 */
import path from 'node:path';
import { EXECUTION_PROVIDERS, type ExecutionProvider } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/errors.js';
import { POSE_MODELS, type PoseFrame, type PoseSettings } from '../../../shared/pose.js';
import { PoseWorker } from '../../../workers/pose/client.js';
import { emptyTrackerState, type TrackerState } from '../../../workers/pose/tracker.js';
import { REPO_MODELS_DIR } from '../models/dirs.js';

/** Where the converted pose models live in a checkout (a packaged app passes its resources folder). */
export const DEFAULT_POSE_MODELS_DIR = path.join(REPO_MODELS_DIR, 'pose');

export interface PoseInputFrame {
  frame: number;
  /** Presentation time, seconds. */
  time: number;
  width: number;
  height: number;
  /** RGB24, width × height × 3 bytes, as displayed (rotation applied). Copied unless `transfer` is asked for. */
  rgb: Uint8Array;
}

export interface EstimateOptions {
  /**
   * Hand `rgb`'s buffer over to the worker instead of copying it (it is detached afterwards): saves
   * a copy per frame where the caller owns the buffer, as with the media core's decoded frames.
   */
  transfer?: boolean;
}

export interface PoseEstimator {
  /** The people on this frame. Call in frame order: the tracker carries state from frame to frame. */
  estimate(frame: PoseInputFrame, options?: EstimateOptions): Promise<PoseFrame>;
  /** Forgets every track (ids start again at 1), e.g. after a seek. */
  reset(): void;
  /** The tracker's state after the last estimated frame, to store beside a chunk of results. */
  snapshot(): Uint8Array;
  /** Continues from a snapshot: the next frames give exactly what an uninterrupted run gives. */
  restore(state: Uint8Array): void;
  /** Provider the sessions run on, and any fallback notice. */
  readonly provider: string;
  readonly notices: string[];
  /** Milliseconds the worker spent on the last frame (detection + refinement + tracking). */
  readonly lastInferMs: number;
  close(): Promise<void>;
}

export async function createPoseEstimator(opts: { settings: PoseSettings; provider?: string; modelsDir?: string }): Promise<PoseEstimator> {
  const settings = checkSettings(opts.settings);
  const provider = (opts.provider ?? 'cpu') as ExecutionProvider;
  if (!EXECUTION_PROVIDERS.includes(provider)) {
    throw new AppError('INVALID_ARGUMENT', `Unknown execution provider "${opts.provider}" (one of ${EXECUTION_PROVIDERS.join(', ')}).`, { field: 'provider' });
  }
  const worker = new PoseWorker();
  let ready;
  try {
    ready = await worker.request({ type: 'init', modelsDir: opts.modelsDir ?? DEFAULT_POSE_MODELS_DIR, settings, provider });
  } catch (error) {
    await worker.close();
    throw error;
  }
  if (ready.type !== 'ready') throw new AppError('INTERNAL', `The pose worker answered "${ready.type}" to init.`);
  let state: TrackerState = emptyTrackerState();
  let lastInferMs = 0;
  return {
    provider: ready.provider,
    notices: ready.notices,
    get lastInferMs() {
      return lastInferMs;
    },
    async estimate(frame, options = {}) {
      const transfer = options.transfer ? [frame.rgb.buffer as ArrayBuffer] : [];
      const reply = await worker.request({ type: 'estimate', frame }, transfer);
      if (reply.type !== 'pose') throw new AppError('INTERNAL', `The pose worker answered "${reply.type}" to a frame.`);
      state = reply.state;
      lastInferMs = reply.inferMs;
      return reply.pose;
    },
    reset() {
      state = emptyTrackerState();
      void worker.request({ type: 'restore', state: null }).catch(() => undefined);
    },
    snapshot() {
      return new TextEncoder().encode(JSON.stringify(state));
    },
    restore(bytes) {
      state = parseState(bytes);
      // Requests are handled in order: every later estimate sees the restored tracker.
      void worker.request({ type: 'restore', state }).catch(() => undefined);
    },
    close: () => worker.close(),
  };
}

function checkSettings(settings: PoseSettings): PoseSettings {
  if (!POSE_MODELS.includes(settings.model)) throw new AppError('INVALID_ARGUMENT', `Unknown pose model "${String(settings.model)}" (one of ${POSE_MODELS.join(', ')}).`, { field: 'model' });
  if (!Number.isInteger(settings.maxPeople) || settings.maxPeople < 1) throw new AppError('INVALID_ARGUMENT', `maxPeople must be a whole number ≥ 1 (got ${settings.maxPeople}).`, { field: 'maxPeople' });
  if (!(settings.minPersonScore >= 0 && settings.minPersonScore <= 1)) throw new AppError('INVALID_ARGUMENT', `minPersonScore must be in [0, 1] (got ${settings.minPersonScore}).`, { field: 'minPersonScore' });
  return { model: settings.model, maxPeople: settings.maxPeople, minPersonScore: settings.minPersonScore };
}

/** A snapshot back into tracker state; anything else is a clear error, never a silently wrong tracker. */
function parseState(bytes: Uint8Array): TrackerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'The pose tracker snapshot is not valid (not JSON).', { field: 'state' });
  }
  const candidate = parsed as Partial<TrackerState> | null;
  if (!candidate || candidate.version !== 1 || !Array.isArray(candidate.tracks) || typeof candidate.nextId !== 'number') {
    throw new AppError('INVALID_ARGUMENT', 'The pose tracker snapshot is not valid (unknown version or shape).', { field: 'state' });
  }
  return candidate as TrackerState;
}
