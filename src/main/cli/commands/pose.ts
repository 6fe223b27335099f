import { InvalidArgumentError, Option, type Command } from 'commander';
import { EXECUTION_PROVIDERS, type ExecutionProvider } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/errors.js';
import { DEFAULT_POSE_SETTINGS, POSE_MODELS, type PoseModelName } from '../../../shared/pose.js';
import type { AppCore } from '../../core/app.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';
import { followJobs } from '../job-display.js';

interface PoseOptions extends GlobalOptions {
  model: PoseModelName;
  maxPeople: number;
  minPersonScore: number;
  provider: ExecutionProvider;
}

export function registerPose(program: Command): void {
  program
    .command('pose')
    .description('find and track people in videos, with their COCO-17 keypoints on every frame, and store a pose run (export it with export --format keypoints, keypoints-csv or kinematics)')
    .argument('<paths...>', 'video files, or folders searched recursively')
    .addOption(new Option('--model <name>', 'single-pose refiner on each person').choices(POSE_MODELS).default(DEFAULT_POSE_SETTINGS.model))
    .option('--max-people <n>', 'most people tracked at once', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('must be an integer from 1 to 64');
      return n;
    }, DEFAULT_POSE_SETTINGS.maxPeople)
    .option('--min-person-score <s>', 'minimum detector score for a new person', (value: string) => {
      const s = Number(value);
      if (!(s >= 0 && s <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1');
      return s;
    }, DEFAULT_POSE_SETTINGS.minPersonScore)
    .option('--provider <name>', `execution provider: ${EXECUTION_PROVIDERS.join(', ')}`, (value: string) => {
      if (!(EXECUTION_PROVIDERS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${EXECUTION_PROVIDERS.join(', ')}`);
      return value as ExecutionProvider;
    }, 'auto')
    .action(async (paths: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<PoseOptions>();
      await withCore(options, (core) => pose(core, paths, options));
    });
}

async function pose(core: AppCore, paths: string[], options: PoseOptions): Promise<void> {
  // Pose runs a killed process left `running` become resumable: the same command continues them.
  core.analysis.requeueInterrupted();
  const added = await core.library.add(paths);
  for (const skip of added.skipped) process.stderr.write(`skipped ${skip.path}: ${skip.reason}\n`);
  const videos = [...added.added, ...added.unchanged];
  if (videos.length === 0) throw new AppError('INVALID_ARGUMENT', `No video to find people in, in ${paths.join(', ')}.`);
  const settings = { model: options.model, maxPeople: options.maxPeople, minPersonScore: options.minPersonScore };
  const finished = await followJobs(core, options.json, 'cancelling (the runs are kept as cancelled and resume on the same command)…', () =>
    core.analysis.startPose({ videoIds: videos.map((v) => v.id), settings, provider: options.provider }),
  );
  const results = finished.map((job) => ({ job, tracks: job.runId === null ? [] : core.store.poses.presence(job.runId) }));
  if (options.json) printJson(results);
  else {
    for (const { job, tracks } of results) {
      const name = `${job.videoPath.split(/[\\/]/).pop()} × ${job.modelId}`;
      if (job.state !== 'completed') {
        process.stdout.write(`${job.state.padEnd(9)}  ${name}${job.runId ? `  run ${job.runId}` : ''}: ${job.error?.message ?? ''}\n`);
        continue;
      }
      const how = job.origin === 'resumed' ? `resumed from frame ${job.resumedFromFrame}` : job.origin;
      const people = tracks.map((t) => `#${t.trackId} ${t.frames}f`).join(', ');
      process.stdout.write(`completed  ${name}  run ${job.runId} (${how})  ${job.framesDone} frames  ${tracks.length} track${tracks.length === 1 ? '' : 's'}${people ? ` (${people})` : ''}\n`);
    }
  }
  if (added.namedFailures > 0 || finished.some((job) => job.state !== 'completed')) process.exitCode = 1;
}
