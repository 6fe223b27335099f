/**
 * ActionLens track CSV (RFC 4180, comma, header row): track, label, start_frame, end_frame,
 * start_sec, end_sec. Import reads frames; seconds are for people and spreadsheets.
 */
import { frameToSec, InterchangeError, type InterchangeDocument, type InterchangeTrack } from './types.js';

export const TRACK_CSV_HEADER = ['track', 'label', 'start_frame', 'end_frame', 'start_sec', 'end_sec'];

export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Splits CSV text (RFC 4180 quoting) into rows of cells, with any one-character separator. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new InterchangeError('a quoted cell is not closed');
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

export function writeTrackCsv(doc: InterchangeDocument): string {
  const lines = [TRACK_CSV_HEADER.join(',')];
  for (const track of doc.tracks) {
    for (const s of track.segments) {
      lines.push([track.name, s.label, s.startFrame, s.endFrame, frameToSec(s.startFrame, doc.fps), frameToSec(s.endFrame, doc.fps)].map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

export function readTrackCsv(text: string): InterchangeTrack[] {
  const [header, ...rows] = parseCsv(text);
  const column = (name: string) => {
    const at = header?.indexOf(name) ?? -1;
    if (at < 0) throw new InterchangeError(`the header has no "${name}" column (expected ${TRACK_CSV_HEADER.join(',')})`);
    return at;
  };
  const [t, l, s, e] = ['track', 'label', 'start_frame', 'end_frame'].map(column) as [number, number, number, number];
  const tracks = new Map<string, InterchangeTrack>();
  rows.forEach((row, i) => {
    const startFrame = Number(row[s]);
    const endFrame = Number(row[e]);
    if (!Number.isInteger(startFrame) || !Number.isInteger(endFrame) || startFrame < 0 || endFrame <= startFrame) {
      throw new InterchangeError(`row ${i + 2}: start_frame and end_frame must be whole frames with end after start`);
    }
    const name = row[t] ?? '';
    const track = tracks.get(name) ?? { name, segments: [] };
    track.segments.push({ label: row[l] ?? '', startFrame, endFrame });
    tracks.set(name, track);
  });
  return [...tracks.values()];
}
