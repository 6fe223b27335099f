import path from 'node:path';
import type { Command } from 'commander';
import type { RunSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import { parseId } from '../arguments.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';
import { plain } from '../plain.js';

interface RunsListOptions extends GlobalOptions {
  video?: number;
}

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('stored analysis runs');
  runs
    .command('list')
    .description('list runs, newest last: status, frames, model, provider and video')
    .option('--video <id>', 'only the runs of this video (see library list)', parseId)
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<RunsListOptions>();
      await withCore(options, async (core) => {
        const videos = options.video === undefined ? core.store.videos.list() : [core.store.videos.get(options.video)].filter((v) => v !== undefined);
        if (options.video !== undefined && videos.length === 0) throw new AppError('NOT_FOUND', `No video with id ${options.video} in the library.`, { field: 'video' });
        const list = videos.flatMap((video) => core.analysis.runsForVideo(video.id).map((run) => ({ ...run, videoPath: video.path })));
        list.sort((a, b) => a.id - b.id);
        if (options.json) printJson(list);
        else process.stdout.write(table(list));
      });
    });
  runs
    .command('remove')
    .description('delete a run with its probabilities and segments (the video stays in the library)')
    .argument('<run>', 'run id (see runs list)', parseId)
    .action(async (runId: number, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const deleted = await core.analysis.deleteRun(runId);
        if (!deleted) throw new AppError('NOT_FOUND', `No run with id ${runId}.`, { field: 'run' });
        if (options.json) printJson({ deleted });
        else process.stdout.write(`deleted run ${runId}\n`);
      });
    });
}

function table(runs: (RunSummary & { videoPath: string })[]): string {
  if (runs.length === 0) return 'No runs yet. Analyse videos with: actionlens analyze <files|folders> --model <id>\n';
  const rows = runs.map((r) => [String(r.id), r.status, `${r.framesDone}/${r.frameCount ?? '?'}`, r.modelId, r.providerUsed ?? r.provider, plain(path.basename(r.videoPath)) + (r.videoChanged ? '  (file changed since: labels describe its earlier content)' : '')]);
  const header = ['run', 'status', 'frames', 'model', 'provider', 'video'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
