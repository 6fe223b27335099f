/** Damaged media made at test time: real encodes with bytes flipped inside a frame's data, the container left intact. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

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
