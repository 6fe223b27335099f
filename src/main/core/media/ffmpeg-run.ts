import { resolveBinary } from './binaries.js';
import { spawnMediaProcess, waitForClose } from './jobs.js';

/** The last lines of ffmpeg's stderr that say why it failed, without the banner. */
export function ffmpegFailure(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-3).join(' / ') || 'ffmpeg gave no reason';
}

/** Seconds encoded so far, from one `-progress pipe:1` block line (`out_time_us=…`); null for other lines. */
export function parseProgressSeconds(line: string): number | null {
  const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
  return match ? Number(match[1]) / 1e6 : null;
}

/**
 * Runs ffmpeg to completion (registered with the media job registry, so nothing outlives the
 * app), reporting encoded seconds from `-progress pipe:1`. Rejects with ffmpeg's own reason.
 */
export async function runFfmpeg(args: readonly string[], label: string, onSeconds?: (seconds: number) => void): Promise<void> {
  const ffmpeg = resolveBinary('ffmpeg').path;
  const child = spawnMediaProcess(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...args], label);
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const seconds = parseProgressSeconds(line);
      if (seconds !== null) onSeconds?.(seconds);
    }
  });
  const exit = await waitForClose(child, ffmpeg);
  if (exit.code !== 0) throw new Error(ffmpegFailure(stderr));
}
