import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_POSTPROCESS, DEFAULT_PROVIDER, DEFAULT_SAMPLING, EXECUTION_PROVIDERS, postprocessSchema, type ExecutionProvider } from '../../../shared/analysis.js';
import type { JobSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import { LOCAL_ONLY } from '../../../shared/scaleout.js';
import type { AppCore } from '../../core/app.js';
import { DEFAULT_MODEL_ID, MODEL_PATH_ENV } from '../../core/models/index.js';
import { withCore, type GlobalOptions } from '../context.js';
import { addRemoteAnalysisOptions, queueSettingsFrom, type RemoteAnalysisOptions } from '../remote-analysis.js';
import { segmentTable } from '../format.js';
import { followJobs } from '../job-display.js';
import { printJson, reportError } from '../output.js';
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
      let queue;
      try {
        queue = queueSettingsFrom(options);
      } catch (error) {
        return reportError(error, options);
      }
      // With --queue the core coordinates; a Redis that does not answer is the command's error.
      await withCore(options, async (core) => (await core.placement.opened(), analyze(core, paths, options)), { queue: queue ?? LOCAL_ONLY });
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
  const finished = await followJobs(core, options.json, 'cancelling (the runs are kept as cancelled)…', () =>
    core.analysis.start({
      videoIds: videos.map((v) => v.id),
      modelIds: options.model,
      options: { sampling: { stride: options.stride, windowStride: options.windowStride }, postprocess, provider: options.provider, hwaccel: options.hwaccel, followIdleSec: options.follow },
    }),
  );
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
