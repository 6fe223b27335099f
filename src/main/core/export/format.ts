/** Shared pieces of the export formats: their input types, CSV fields and number formatting. */

/**
 * A segment to export: the analysis Segment or a stored segment record alike. Frames are
 * half-open, [startFrame, endFrame); confidence and classIndex are null for human annotations.
 */
export interface ExportSegment {
  label: string;
  classIndex?: number | null;
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
  confidence: number | null;
}

/** One frame's k most probable classes, most probable first. */
export interface FrameTopK {
  frame: number;
  /** Presentation time of the frame, seconds. */
  timeSec: number;
  labels: readonly string[];
  probabilities: readonly number[];
  /** The frame could not be decoded: no labels. */
  gap?: boolean;
}

/** Decimals kept for seconds (microseconds) and probabilities (finer than the u16 storage step, 1.5e-5). */
export const DECIMALS = 6;

/** A number with at most DECIMALS decimals and no trailing zeros: 0.5, 1.033333, 12. */
export function decimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot export a non-finite number (${value}).`);
  const rounded = Number(value.toFixed(DECIMALS));
  return String(rounded === 0 ? 0 : rounded); // no "-0"
}

/** A JSON number with at most DECIMALS decimals (JSON.stringify would print float32 noise). */
export function jsonDecimal(value: number): number {
  return Number(decimal(value));
}

/**
 * RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. A text starting
 * with = + - @ or a tab (a label or file name from an imported model or a user) is prefixed with
 * a single quote (OWASP's CSV-injection advice), so a spreadsheet shows it rather than runs it as
 * a formula; numbers are left as they are.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/** Joins generated text (for small outputs and tests; stream long ones with stream.Readable.from). */
export function collectText(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}
