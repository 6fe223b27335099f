/**
 * LongoMatch-style events CSV: semicolon-separated, one event per row with its category (our
 * track), name (label) and start/stop/duration as H:MM:SS.mmm, the layout LongoMatch's
 * project export uses for timed events.
 */
import { csvCell, parseCsv } from './csv.js';
import { frameToMs, InterchangeError, secToFrame, type InterchangeDocument, type InterchangeTrack } from './types.js';

export const LONGOMATCH_HEADER = ['Category', 'Name', 'Start', 'Stop', 'Duration'];

export function formatClock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

export function parseClock(text: string): number {
  const m = /^(\d+):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
}

export function writeLongoMatch(doc: InterchangeDocument): string {
  const lines = [LONGOMATCH_HEADER.join(';')];
  for (const track of doc.tracks) {
    for (const s of track.segments) {
      const start = frameToMs(s.startFrame, doc.fps);
      const stop = frameToMs(s.endFrame, doc.fps);
      lines.push([track.name, s.label, formatClock(start), formatClock(stop), formatClock(stop - start)].map(csvCell).join(';'));
    }
  }
  return lines.join('\n') + '\n';
}

export function readLongoMatch(text: string, fps: number): InterchangeTrack[] {
  const [header, ...rows] = parseCsv(text, ';');
  const at = (name: string) => {
    const i = header?.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase()) ?? -1;
    if (i < 0) throw new InterchangeError(`the header has no "${name}" column (expected ${LONGOMATCH_HEADER.join(';')})`);
    return i;
  };
  const [c, n, s, e] = ['Category', 'Name', 'Start', 'Stop'].map(at) as [number, number, number, number];
  const tracks = new Map<string, InterchangeTrack>();
  rows.forEach((row, i) => {
    const start = parseClock(row[s] ?? '');
    const stop = parseClock(row[e] ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(stop) || stop <= start) throw new InterchangeError(`row ${i + 2}: Start and Stop must be H:MM:SS.mmm with Stop after Start`);
    const name = row[c] ?? '';
    const track = tracks.get(name) ?? { name, segments: [] };
    track.segments.push({ label: row[n] ?? '', startFrame: secToFrame(start / 1000, fps), endFrame: secToFrame(stop / 1000, fps) });
    tracks.set(name, track);
  });
  return [...tracks.values()];
}
