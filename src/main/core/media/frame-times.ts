import { execFile } from 'node:child_process';
import { AppError } from '../../../shared/errors.js';
import { resolveBinary } from './binaries.js';
import { log } from '../log/logger.js';

const cache = new Map<string, Promise<number[]>>();
const CACHE_ENTRIES = 8;

/**
 * Presentation time (seconds) of every frame of the video stream, in the order the decoder hands
 * them to the engine (it decodes with `-fps_mode passthrough`: every frame once, by presentation
 * time). Read from the packets' timestamps, without decoding, and cached per content fingerprint.
 * The player of a variable-frame-rate video maps its clock to frame numbers with them.
 */
export function videoFrameTimes(file: string, fingerprint: string): Promise<number[]> {
  const cached = cache.get(fingerprint);
  if (cached) return cached;
  const work = readPacketTimes(file);
  cache.set(fingerprint, work);
  work.catch(() => cache.delete(fingerprint));
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return work;
}

function readPacketTimes(file: string): Promise<number[]> {
  const ffprobe = resolveBinary('ffprobe').path;
  const args = ['-v', 'error', '-select_streams', 'V:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file];
  return new Promise((resolve, reject) => {
    log().info({ binary: ffprobe, argv: args, job: 'frame times' }, 'media command');
    execFile(ffprobe, args, { maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) return reject(new AppError('CORRUPT_MEDIA', `Could not read the frame times of ${file}: ${stderr.trim() || error.message}`, { file }));
      const times = stdout
        .split('\n')
        .map((line) => Number.parseFloat(line))
        .filter((t) => Number.isFinite(t))
        .sort((a, b) => a - b);
      resolve(times);
    });
  });
}
