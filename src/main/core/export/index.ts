/**
 * Export formats for a run's segments and per-frame labels: pure formatters that yield text in
 * pieces. Write them with backpressure, e.g.
 *   await pipeline(Readable.from(formatSegmentsCsv(segments, meta)), createWriteStream(file));
 * or join small ones with collectText().
 */
export { formatSegmentsCsv, formatFramesCsv, SEGMENT_CSV_COLUMNS, type CsvMeta, type FramesCsvMeta } from './csv.js';
export { formatRunJson, formatActivityNet, type RunMeta, type RunJsonInput, type ActivityNetInput, type ActivityNetVideo } from './json.js';
export { topKFrames, type ProbabilityChunk, type TopKOptions } from './top-k.js';
export { collectText, csvField, type ExportSegment, type FrameTopK } from './format.js';
