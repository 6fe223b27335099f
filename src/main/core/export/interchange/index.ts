/** Track interchange: write a document in any format, read any format back into tracks. */
import type { InterchangeFormat } from '../../../../shared/tagging/interchange.js';
import { readTrackCsv, writeTrackCsv } from './csv.js';
import { readEaf, writeEaf } from './eaf.js';
import { readTrackJson, writeTrackJson } from './json.js';
import { readLongoMatch, writeLongoMatch } from './longomatch.js';
import { readSportscode, writeSportscode } from './sportscode.js';
import type { InterchangeDocument, InterchangeTrack } from './types.js';

export { InterchangeError, type InterchangeDocument, type InterchangeSegment, type InterchangeTrack } from './types.js';

export function writeInterchange(format: InterchangeFormat, doc: InterchangeDocument, colors: Record<string, string> = {}): string {
  switch (format) {
    case 'csv':
      return writeTrackCsv(doc);
    case 'json':
      return writeTrackJson(doc);
    case 'eaf':
      return writeEaf(doc);
    case 'sportscode':
      return writeSportscode(doc, colors);
    case 'longomatch':
      return writeLongoMatch(doc);
  }
}

export function readInterchange(format: InterchangeFormat, text: string, fps: number, fallbackTrack: string): InterchangeTrack[] {
  switch (format) {
    case 'csv':
      return readTrackCsv(text);
    case 'json':
      return readTrackJson(text);
    case 'eaf':
      return readEaf(text, fps);
    case 'sportscode':
      return readSportscode(text, fps, fallbackTrack);
    case 'longomatch':
      return readLongoMatch(text, fps);
  }
}

/** The format a file's name says (`.eaf`, `.xml` → sportscode, `.longomatch.csv`, `.csv`, `.json`), or undefined. */
export function formatFromFileName(file: string): InterchangeFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.eaf')) return 'eaf';
  if (lower.endsWith('.xml')) return 'sportscode';
  if (lower.endsWith('.longomatch.csv')) return 'longomatch';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}
