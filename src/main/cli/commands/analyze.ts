import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_POSTPROCESS, DEFAULT_PROVIDER, DEFAULT_SAMPLING, EXECUTION_PROVIDERS, postprocessSchema, type ExecutionProvider } from '../../../shared/analysis.js';
import type { AnalysisProgress, JobSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import type { AppCore } from '../../core/app.js';
import { DEFAULT_MODEL_ID, MODEL_PATH_ENV } from '../../core/models/index.js';
import { withCore, type GlobalOptions } from '../context.js';
import { addRemoteAnalysisOptions, RemoteAnalysis, type RemoteAnalysisOptions } from '../remote-analysis.js';
import { formatDuration } from '../../../shared/format.js';
import { segmentTable } from '../format.js';
import { printJson, progressLine } from '../output.js';
import { plain } from '../plain.js';

interface AnalyzeOptions extends GlobalOptions, RemoteAnalysisOptions {
  model: string[];
  stride: number;
  windowStride: number;
  smooth: { kind: 'none' | 'moving-average' | 'median'; windowFrames: number };
  provider: ExecutionProvider;
  hwaccel: boolean;
  follow?: number;
  segments: boolean;
}

/** `--smooth`'s default, from the schema, as the flag spells it. */
export const DEFAULT_SMOOTHING_FLAG = `${DEFAULT_POSTPROCESS.smoothing.kind}:${DEFAULT_POSTPROCESS.smoothing.windowFrames}`;

/** Identity matters: the first -m replaces the default instead of adding to it. */
const DEFAULT_MODELS: string[] = [DEFAULT_MODEL_ID];

/** Plain progress lines (no terminal) at most this often per job. */
const PLAIN_PROGRESS_MS = 2000;

export function registerAnalyze(program: Command): void {
  const command = program.command('analyze');
  addRemoteAnalysisOptions(command);
  command
    .description(`label every frame of videos with models, store the runs, and print a summary (models are looked for in models/, <data folder>/models and $${MODEL_PATH_ENV})`)
    .argument('<paths...>', 'video files, or folders searched recursively')
    .addOption(
      new Option('-m, --model <id>', 'model id (repeat for several models)')
        .argParser((value: string, all: string[]) => (all === DEFAULT_MODELS ? [value] : [...all, value]))
        .default(DEFAULT_MODELS, `${DEFAULT_MODEL_ID}, the default model`),
    )
    .option('--stride <n>', 'frame models: analyse every Nth frame', positiveInteger, DEFAULT_SAMPLING.stride)
    .option('--window-stride <n>', 'clip and two-stream models: frames between window starts', positiveInteger, DEFAULT_SAMPLING.windowStride)
    .addOption(
      new Option('--smooth <kind:frames>', 'none, moving-average:N or median:N (N odd)')
        .argParser(parseSmoothing)
        .default(DEFAULT_POSTPROCESS.smoothing, DEFAULT_SMOOTHING_FLAG),
    )
    .option('--provider <name>', `execution provider: ${EXECUTION_PROVIDERS.join(', ')}`, parseProvider, DEFAULT_PROVIDER)
    .option('--hwaccel', 'try ffmpeg hardware decoding (falls back to software)', false)
    .addOption(
      new Option('--follow [seconds]', 'a recording still being written (MPEG-TS, Matroska, fragmented MP4): label frames as they arrive; done once the file has not grown for this long')
        .argParser(positiveSeconds)
        .preset(10),
    )
    .option('--segments', 'print each run\'s segments when it is done', false)
    .action(async (paths: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<AnalyzeOptions>();
      if (!options.queue) return withCore(options, (core) => analyze(core, paths, options));
      const remote = new RemoteAnalysis({ ...options, queue: options.queue });
      await withCore(
        options,
        async (core) => {
          try {
            await remote.attach(core);
            await analyze(core, paths, options);
          } finally {
            await remote.close();
          }
        },
        remote.coreOptions,
      );
    });
}

async function analyze(core: AppCore, paths: string[], options: AnalyzeOptions): Promise<void> {
  // Runs a killed process left `running` become resumable: the same command continues them.
  core.analysis.requeueInterrupted();
  const added = await core.library.add(paths);
  for (const skip of added.skipped) process.stderr.write(`skipped ${plain(skip.path)}: ${plain(skip.reason)}\n`);
  const videos = [...added.added, ...added.unchanged];
  if (videos.length === 0) throw new AppError('INVALID_ARGUMENT', `No video to analyse in ${paths.join(', ')}.`);
  const postprocess = postprocessSchema.parse({ smoothing: options.smooth });
  const display = new JobDisplay(options.json);
  const stopJob = core.on('analysis.job', (job) => display.job(job));
  const stopProgress = core.on('analysis.progress', (progress) => display.progress(progress));
  const jobs = await core.analysis.start({
    videoIds: videos.map((v) => v.id),
    modelIds: options.model,
    options: { sampling: { stride: options.stride, windowStride: options.windowStride }, postprocess, provider: options.provider, hwaccel: options.hwaccel, followIdleSec: options.follow },
  });
  display.total = jobs.length;
  const interrupt = () => {
    process.stderr.write('\ncancelling (the runs are kept as cancelled)…\n');
    for (const job of jobs) core.analysis.cancel(job.id);
  };
  process.once('SIGINT', interrupt);
  const finished = await core.analysis.wait(jobs.map((j) => j.id)).finally(() => {
    process.off('SIGINT', interrupt);
    stopJob();
    stopProgress();
    display.done();
  });
  const results = finished.map((job) => ({ job, run: job.runId === null ? null : core.analysis.run(job.runId), segments: job.runId === null ? 0 : core.analysis.segments(job.runId).length }));
  if (options.json) printJson(results);
  else {
    for (const { job, run, segments } of results) {
      process.stdout.write(summaryLine(job, run?.timings?.total ?? null, segments));
      if (options.segments && job.runId !== null) process.stdout.write(segmentTable(core.analysis.segments(job.runId)));
    }
  }
  if (added.namedFailures > 0 || finished.some((job) => job.state !== 'completed')) process.exitCode = 1;
}

/** One terminal line per job while it runs (or plain lines without a terminal), notices as they come. */
export class JobDisplay {
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

function summaryLine(job: JobSummary, totalMs: number | null, segments: number): string {
  const name = `${plain(path.basename(job.videoPath))} × ${job.modelId}`;
  if (job.state !== 'completed') return `${job.state.padEnd(9)}  ${name}${job.runId ? `  run ${job.runId}` : ''}: ${plain(job.error?.message ?? '')}\n`;
  const speed = totalMs && job.origin !== 'reused' ? `  ${((job.framesDone - (job.resumedFromFrame ?? 0)) / (totalMs / 1000)).toFixed(0)} fps` : '';
  const how = job.origin === 'resumed' ? `resumed from frame ${job.resumedFromFrame}` : job.origin;
  return `completed  ${name}  run ${job.runId} (${how})  ${job.framesDone} frames  ${segments} segment${segments === 1 ? '' : 's'}  ${job.provider ?? ''}${speed}\n`;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function parseProvider(value: string): ExecutionProvider {
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${EXECUTION_PROVIDERS.join(', ')}`);
  return value as ExecutionProvider;
}

export function parseSmoothing(value: string): AnalyzeOptions['smooth'] {
  if (value === 'none') return { kind: 'none', windowFrames: 1 };
  const match = /^(moving-average|median):(\d+)$/.exec(value);
  const frames = Number(match?.[2]);
  if (!match || frames % 2 !== 1) throw new InvalidArgumentError('use none, moving-average:N or median:N with N odd');
  const smoothing = { kind: match[1] as 'moving-average' | 'median', windowFrames: frames };
  // The schema's limits (window sizes), in the flag's words.
  const checked = postprocessSchema.shape.smoothing.safeParse(smoothing);
  if (!checked.success) throw new InvalidArgumentError(`N ${checked.error.issues[0]!.message}`);
  return smoothing;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new InvalidArgumentError('must be a number of seconds above 0 and at most 3600');
  return seconds;
}
