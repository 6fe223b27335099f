/**
 * JSON exports, generated piece by piece (one segment or frame per line) so that long videos
 * stream to a file; the concatenation is one valid JSON document.
 */
import { AppError } from '../../../shared/errors.js';
import { jsonDecimal, type ExportSegment, type FrameTopK } from './format.js';

/** Facts about the run, written as given (keep them JSON-serialisable and small). */
export interface RunMeta {
  /** The video, as the user knows it: its file name, or an id. */
  video: string;
  /** The model id (with its version). */
  model: string;
  [key: string]: unknown;
}

export interface RunJsonInput {
  run: RunMeta;
  segments: Iterable<ExportSegment>;
  /** Per-frame top-k labels; omitted when not given. */
  frames?: Iterable<FrameTopK>;
}

/**
 * `{"format":"actionlens-run","formatVersion":1,"run":{…},"segments":[…],"frames":[…]}`.
 * Segments: {label, classIndex, startFrame, endFrame (exclusive), startSec, endSec, confidence}.
 * Frames: {frame, timeSec, labels, probabilities}, the two arrays most probable first.
 */
export function* formatRunJson({ run, segments, frames }: RunJsonInput): Generator<string, void, undefined> {
  yield `{"format":"actionlens-run","formatVersion":1,"run":${JSON.stringify(run)},"segments":[`;
  yield* jsonItems(segments, (s) => ({
    label: s.label,
    classIndex: s.classIndex ?? null,
    startFrame: s.startFrame,
    endFrame: s.endFrame,
    startSec: jsonDecimal(s.startSec),
    endSec: jsonDecimal(s.endSec),
    confidence: s.confidence === null ? null : jsonDecimal(s.confidence),
  }));
  yield ']';
  if (frames) {
    yield ',"frames":[';
    yield* jsonItems(frames, (f) => ({
      frame: f.frame,
      timeSec: jsonDecimal(f.timeSec),
      labels: f.labels,
      probabilities: f.probabilities.map(jsonDecimal),
      ...(f.gap ? { gap: true } : {}),
    }));
    yield ']';
  }
  yield '}\n';
}

export interface ActivityNetVideo {
  /** The key in "results": ActivityNet uses the YouTube id without its "v_" prefix. */
  videoId: string;
  segments: Iterable<ExportSegment>;
}

export interface ActivityNetInput {
  videos: Iterable<ActivityNetVideo>;
  /** Default "VERSION 1.3", the version of the ActivityNet detection task's files. */
  version?: string;
  /** Challenge submissions say whether external data was used: {used, details}. Default {}. */
  externalData?: Record<string, unknown>;
}

/**
 * ActivityNet's detection results file, as read by its official evaluation (eval_detection.py):
 * `{"version":"VERSION 1.3","results":{"<video>":[{"label","score","segment":[startSec,endSec]}]},"external_data":{}}`.
 * The score is the segment's confidence (1 for annotations, which have none). A video id given
 * twice is refused: JSON objects must not repeat keys.
 */
export function* formatActivityNet({ videos, version = 'VERSION 1.3', externalData = {} }: ActivityNetInput): Generator<string, void, undefined> {
  yield `{"version":${JSON.stringify(version)},"results":{`;
  const seen = new Set<string>();
  for (const { videoId, segments } of videos) {
    if (seen.has(videoId)) throw new AppError('INVALID_ARGUMENT', `Video "${videoId}" is listed twice in an ActivityNet export.`, { field: 'videos' });
    yield `${seen.size === 0 ? '' : ','}\n${JSON.stringify(videoId)}:[`;
    seen.add(videoId);
    yield* jsonItems(segments, (s) => ({
      label: s.label,
      score: s.confidence === null ? 1 : jsonDecimal(s.confidence),
      segment: [jsonDecimal(s.startSec), jsonDecimal(s.endSec)],
    }));
    yield ']';
  }
  yield `},"external_data":${JSON.stringify(externalData)}}\n`;
}

/** Items as JSON, one per line, comma-separated. */
function* jsonItems<T>(items: Iterable<T>, toJson: (item: T) => unknown): Generator<string, void, undefined> {
  let first = true;
  for (const item of items) {
    yield `${first ? '' : ','}\n${JSON.stringify(toJson(item))}`;
    first = false;
  }
}
