/**
 * Damaged files made at test time: a SQLite page overwritten as a bad disk sector does, and real
 * media encodes with bytes flipped inside a frame's data (the container left intact).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { seededRandom } from './random.js';

/** The b-tree leaf pages of `table`, in page order (from SQLite's dbstat table). */
export function leafPages(file: string, table: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]);
  } finally {
    db.close();
  }
}

/** Overwrites page `pageno` (1-based) of a checkpointed database file with pseudo-random bytes. */
export function overwritePage(file: string, pageno: number, pageSize = 4096, seed = 7): void {
  const random = seededRandom(seed);
  const noise = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) noise[i] = Math.floor(random() * 256);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, noise, 0, pageSize, (pageno - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Byte offset and size of each video packet, in file order (ffprobe), by packet number in decode order. */
function videoPackets(file: string): { pos: number; size: number }[] {
  const csv = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pos,size', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return csv
    .trim()
    .split('\n')
    .map((line) => {
      const [size, pos] = line.split(',').map(Number);
      return { pos: pos!, size: size! };
    });
}

/**
 * Copies `source` to `target` with the slice header of each listed packet (decode order) flipped:
 * the bytes after the 4-byte length prefix of an H.264 packet in MP4. ffmpeg then cannot decode
 * those frames at all (decode_slice_header error), logs it and exits 0 with the others.
 */
export function flipFrameHeaders(source: string, target: string, packets: readonly number[]): void {
  const bytes = readFileSync(source);
  const all = videoPackets(source);
  for (const n of packets) {
    const packet = all[n];
    if (!packet) throw new Error(`${source} has no packet ${n}`);
    for (let at = packet.pos + 5; at < packet.pos + 9; at++) bytes[at] = bytes[at]! ^ 0xff;
  }
  writeFileSync(target, bytes);
}

/** Copies `source` to `target` with every video packet's payload zeroed: a valid container without one decodable frame. */
export function wipeAllFrames(source: string, target: string): void {
  const bytes = readFileSync(source);
  for (const packet of videoPackets(source)) bytes.fill(0, packet.pos + 4, packet.pos + packet.size);
  writeFileSync(target, bytes);
}
