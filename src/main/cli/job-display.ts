/**
 * Jobs followed from the CLI (analyze, pose): progress on one terminal line per job (plain lines
 * without a terminal), notices told once, Ctrl-C cancelling them, the finished jobs returned.
 */
import path from 'node:path';
import type { AnalysisProgress, JobSummary } from '../../shared/engine.js';
import type { AppCore } from '../core/app.js';
import { formatDuration } from '../../shared/format.js';
import { progressLine } from './output.js';
import { plain } from './plain.js';

/** Plain progress lines (no terminal) at most this often per job. */
const PLAIN_PROGRESS_MS = 2000;

/** Starts the jobs with progress shown, cancels them on Ctrl-C (saying `cancelNote`), waits for all. */
export async function followJobs(core: AppCore, json: boolean, cancelNote: string, start: () => JobSummary[] | Promise<JobSummary[]>): Promise<JobSummary[]> {
  const display = new JobDisplay(json);
  const stopJob = core.on('analysis.job', (job) => display.job(job));
  const stopProgress = core.on('analysis.progress', (progress) => display.progress(progress));
  let jobs: JobSummary[];
  try {
    jobs = await start();
  } catch (error) {
    stopJob();
    stopProgress();
    throw error;
  }
  display.total = jobs.length;
  const interrupt = () => {
    process.stderr.write(`\n${cancelNote}\n`);
    for (const job of jobs) core.analysis.cancel(job.id);
  };
  process.once('SIGINT', interrupt);
  return core.analysis.wait(jobs.map((j) => j.id)).finally(() => {
    process.off('SIGINT', interrupt);
    stopJob();
    stopProgress();
    display.done();
  });
}

/** One terminal line per job while it runs (or plain lines without a terminal), notices as they come. */
class JobDisplay {
  total = 0;
  readonly #json: boolean;
  readonly #bar = progressLine(true);
  readonly #tty = process.stderr.isTTY === true;
  readonly #jobs = new Map<number, JobSummary>();
  readonly #shownNotices = new Map<number, number>();
  /** The same fallback (e.g. no CUDA) is told once per command, not once per job. */
  readonly #toldNotices = new Set<string>();
  readonly #lastPlain = new Map<number, { at: number; frames: number }>();

  constructor(json: boolean) {
    this.#json = json;
  }

  job(job: JobSummary): void {
    const before = this.#jobs.get(job.id);
    this.#jobs.set(job.id, job);
    const shown = this.#shownNotices.get(job.id) ?? 0;
    for (const notice of job.notices.slice(shown)) {
      if (!this.#toldNotices.has(notice)) this.#say(`notice: ${plain(notice)}`);
      this.#toldNotices.add(notice);
    }
    this.#shownNotices.set(job.id, job.notices.length);
    if (job.origin === 'resumed' && before?.origin !== 'resumed') this.#say(`${this.#name(job)}: resuming run ${job.runId} from frame ${job.resumedFromFrame}`);
  }

  progress(p: AnalysisProgress): void {
    const job = this.#jobs.get(p.jobId);
    if (!job || this.#json) return;
    const total = p.frameCount ?? 0;
    const fraction = total > 0 ? Math.min(1, p.framesDone / total) : 0;
    const eta = p.etaSec === null ? '?' : formatDuration(p.etaSec);
    const text = `${this.#name(job)}  ${p.framesDone}/${total || '?'} frames  ${p.fps.toFixed(0)} fps  ETA ${eta}`;
    if (this.#tty) {
      const width = 20;
      const filled = Math.round(fraction * width);
      this.#bar.update(`▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${(fraction * 100).toFixed(0).padStart(3)}%  ${text}`);
      return;
    }
    const now = Date.now();
    const last = this.#lastPlain.get(p.jobId);
    if (last && (last.frames === p.framesDone || (now - last.at < PLAIN_PROGRESS_MS && p.framesDone !== total))) return;
    this.#lastPlain.set(p.jobId, { at: now, frames: p.framesDone });
    process.stderr.write(`${text}\n`);
  }

  done(): void {
    this.#bar.done();
  }

  #name(job: JobSummary): string {
    return `[${job.id}/${this.total}] ${plain(path.basename(job.videoPath))} × ${job.modelId}`;
  }

  #say(line: string): void {
    this.#bar.done();
    process.stderr.write(`${line}\n`);
  }
}

