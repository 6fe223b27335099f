/**
 * CSV exports, one line per yielded string (header first, each ending in "\n"), so an hour of
 * per-frame rows streams to a file (stream.Readable.from(lines).pipe(file)) without ever being
 * one string. Numbers are plain decimals with a dot; labels are quoted when RFC 4180 needs it.
 */
import { csvLine, decimal, type ExportSegment, type FrameTopK } from './format.js';

/** What every row repeats, so exports of many runs can be concatenated and still be told apart. */
export interface CsvMeta {
  /** The video, as the user knows it: its file name, or an id. */
  video: string;
  /** The model id (with its version, e.g. "cnn-lstm@1"). */
  model: string;
}

export const SEGMENT_CSV_COLUMNS = ['video', 'model', 'start_sec', 'end_sec', 'start_frame', 'end_frame', 'label', 'confidence'] as const;

/**
 * One row per segment. end_frame is exclusive (the segment covers start_frame … end_frame − 1),
 * matching end_sec, where the last frame ends. An empty confidence means none (a human annotation).
 */
export function* formatSegmentsCsv(segments: Iterable<ExportSegment>, meta: CsvMeta): Generator<string, void, undefined> {
  yield csvLine(SEGMENT_CSV_COLUMNS);
  for (const s of segments) {
    yield csvLine([
      meta.video,
      meta.model,
      decimal(s.startSec),
      decimal(s.endSec),
      String(s.startFrame),
      String(s.endFrame),
      s.label,
      s.confidence === null ? '' : decimal(s.confidence),
    ]);
  }
}

export interface FramesCsvMeta extends CsvMeta {
  /** Label/probability column pairs per row; frames with fewer classes leave the rest empty. */
  topK: number;
}

/** One row per frame: video, model, frame, time_sec, then label_1, prob_1 … label_k, prob_k, most probable first. */
export function* formatFramesCsv(frames: Iterable<FrameTopK>, meta: FramesCsvMeta): Generator<string, void, undefined> {
  const ranks = Array.from({ length: meta.topK }, (_, i) => i + 1);
  yield csvLine(['video', 'model', 'frame', 'time_sec', ...ranks.flatMap((r) => [`label_${r}`, `prob_${r}`])]);
  for (const frame of frames) {
    const fields = [meta.video, meta.model, String(frame.frame), decimal(frame.timeSec)];
    for (let i = 0; i < meta.topK; i++) {
      const probability = frame.probabilities[i];
      fields.push(frame.labels[i] ?? '', probability === undefined ? '' : decimal(probability));
    }
    yield csvLine(fields);
  }
}
