import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm',
  '.mkv': 'video/x-matroska', '.avi': 'video/x-msvideo', '.ogv': 'video/ogg', '.ts': 'video/mp2t',
};

export type ByteRange = { start: number; end: number };

/**
 * Parses a single-range `Range: bytes=…` header against a file size (RFC 9110 §14.1.2).
 * Returns null when there is no usable header (serve the whole file), 'unsatisfiable' for a
 * range outside the file. Multi-range requests are answered with their first range, which
 * media elements never send anyway.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)/.exec(header.trim());
  if (!match) return null;
  const [, startText = '', endText = ''] = match;
  if (startText === '' && endText === '') return null;
  if (startText === '') {
    const suffix = Number(endText);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export interface FileResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Null for 416. The caller must destroy it if the client goes away. */
  body: ReadStream | null;
}

/**
 * Serves a local file with HTTP range semantics, for the desktop app's custom protocol and the
 * web host's media route alike (media elements seek by range; `file://` is never used).
 */
export async function fileResponse(file: string, rangeHeader: string | null | undefined): Promise<FileResponse> {
  const { size } = await stat(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': type, 'Cache-Control': 'no-store' };
  const range = parseByteRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` }, body: null };
  }
  if (range === null) {
    return { status: 200, headers: { ...common, 'Content-Length': String(size) }, body: createReadStream(file) };
  }
  return {
    status: 206,
    headers: { ...common, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
    body: createReadStream(file, { start: range.start, end: range.end }),
  };
}
