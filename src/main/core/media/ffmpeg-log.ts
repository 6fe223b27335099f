import type { Readable } from 'node:stream';

/** What the decoder needs from one line of ffmpeg's stderr (run with `-loglevel level+info`). */
export type FfmpegLogEvent =
  /** A frame passing showinfo: `pts` in time-base ticks, `ptsTime` as printed (6 significant digits only). */
  | { kind: 'frame'; n: number; pts: number | null; ptsTime: number | null }
  /** showinfo's input time base, which turns `pts` ticks into exact seconds. */
  | { kind: 'timeBase'; num: number; den: number }
  | { kind: 'error'; level: 'error' | 'fatal' | 'panic'; message: string };

const SHOWINFO = /\[Parsed_showinfo_\d+ @ [^\]]*\] (?:\[\w+\] )?(.*)$/;
const SHOWINFO_FRAME = /^n:\s*(\d+)\s+pts:\s*(\S+)\s+pts_time:(\S+)/;
const SHOWINFO_TIME_BASE = /^config in time_base:\s*(\d+)\/(\d+)/;
const LEVELLED_ERROR = /^(?:\[[^\]]* @ [^\]]*\] )?\[(error|fatal|panic)\] (.*)$/;

export function parseFfmpegLogLine(line: string): FfmpegLogEvent | null {
  const showinfo = SHOWINFO.exec(line);
  if (showinfo) {
    const body = showinfo[1] ?? '';
    const frame = SHOWINFO_FRAME.exec(body);
    if (frame) {
      return { kind: 'frame', n: Number(frame[1]), pts: finiteOrNull(frame[2]), ptsTime: finiteOrNull(frame[3]) };
    }
    const timeBase = SHOWINFO_TIME_BASE.exec(body);
    if (timeBase) return { kind: 'timeBase', num: Number(timeBase[1]), den: Number(timeBase[2]) };
    return null;
  }
  const error = LEVELLED_ERROR.exec(line);
  if (error) {
    const message = (error[2] ?? '').trim();
    return { kind: 'error', level: error[1] as 'error' | 'fatal' | 'panic', message };
  }
  return null;
}

/** "NOPTS" and the like become null. */
function finiteOrNull(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) ? value : null;
}

/**
 * Reads ffmpeg's stderr as it arrives: queues each showinfo frame's pts (in seconds) for the
 * decoder to pair with the frames on stdout, and keeps the error lines for failure messages.
 */
export class FfmpegLog {
  /** Showinfo frame lines seen so far. */
  framesLogged = 0;
  readonly errors: string[] = [];
  #ended = false;
  #secondsPerTick: number | null = null;
  #ptsQueue: number[] = [];
  #partialLine = '';
  #wake: (() => void) | null = null;

  constructor(stderr: Readable) {
    stderr.setEncoding('utf8');
    stderr.on('data', (text: string) => this.#feed(text));
    stderr.once('close', () => {
      this.#feed('\n');
      this.#ended = true;
      this.#notify();
    });
  }

  /** True once stderr has closed: no more pts will arrive. */
  get ended(): boolean {
    return this.#ended;
  }

  get lastError(): string | null {
    return this.errors.at(-1) ?? null;
  }

  /** The next frame's pts in seconds (NaN when ffmpeg gave none), or undefined if not logged yet. */
  takePts(): number | undefined {
    return this.#ptsQueue.shift();
  }

  /** Resolves when more of stderr has been read (or it ended). */
  changed(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #feed(text: string): void {
    const lines = (this.#partialLine + text).split(/\r\n|\r|\n/);
    this.#partialLine = lines.pop() ?? '';
    for (const line of lines) this.#handle(parseFfmpegLogLine(line));
    this.#notify();
  }

  #handle(event: FfmpegLogEvent | null): void {
    if (event === null) return;
    if (event.kind === 'frame') {
      this.framesLogged += 1;
      this.#ptsQueue.push(this.#toSeconds(event));
    } else if (event.kind === 'timeBase') {
      if (event.den > 0) this.#secondsPerTick = event.num / event.den;
    } else if (event.message) {
      this.errors.push(event.message);
      if (this.errors.length > 20) this.errors.shift();
    }
  }

  #toSeconds(frame: { pts: number | null; ptsTime: number | null }): number {
    if (frame.pts !== null && this.#secondsPerTick !== null) return frame.pts * this.#secondsPerTick;
    return frame.ptsTime ?? Number.NaN;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
