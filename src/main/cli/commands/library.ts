import type { Command } from 'commander';
import { AppError } from '../../../shared/errors.js';
import type { VideoSummary } from '../../../shared/library.js';
import { describeProbe } from '../format.js';
import { printJson, progressLine } from '../output.js';
import { parseId } from '../arguments.js';
import { withCore, type GlobalOptions } from '../context.js';
import { plain } from '../plain.js';

export function registerLibrary(program: Command): void {
  const library = program.command('library').description('the videos ActionLens knows about');

  library
    .command('add')
    .description('add video files, or folders searched recursively; other files are skipped with the reason')
    .argument('<paths...>', 'files or folders')
    .action(async (paths: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const progress = progressLine(!options.json);
        const result = await core.library.add(paths, {
          onProgress: ({ done, total, file }) => progress.update(`probing ${done}/${total} ${plain(file)}`),
        });
        progress.done();
        if (options.json) {
          printJson(result);
        } else {
          for (const video of result.added) process.stdout.write(`added      ${plain(video.path)}  (${describeProbe(video.probe)})\n`);
          for (const video of result.unchanged) process.stdout.write(`unchanged  ${plain(video.path)}\n`);
          for (const skip of result.skipped) process.stdout.write(`skipped    ${plain(skip.path)}: ${plain(skip.reason)}\n`);
          process.stdout.write(`${result.added.length} added, ${result.unchanged.length} unchanged, ${result.skipped.length} skipped\n`);
        }
        // A file the user named that could not be added is a failure; files skipped inside folders are not.
        if (result.namedFailures > 0) process.exitCode = 1;
      });
    });

  library
    .command('list')
    .description('list the videos in the library')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const videos = core.library.list();
        if (options.json) printJson(videos);
        else process.stdout.write(listTable(videos));
      });
    });

  library
    .command('remove')
    .description('remove a video and its results from the library (the file itself is not touched)')
    .argument('<id>', 'video id (see library list)', parseId)
    .action(async (id: number, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        await core.analysis.cancelForVideo(id);
        if (!core.library.remove(id)) throw new AppError('NOT_FOUND', `No video with id ${id} in the library.`, { field: 'id' });
        if (options.json) printJson({ removed: true });
        else process.stdout.write(`removed video ${id}\n`);
      });
    });
}

function listTable(videos: VideoSummary[]): string {
  if (videos.length === 0) return 'The library is empty. Add videos with: actionlens library add <files|folders>\n';
  const idWidth = Math.max(2, ...videos.map((v) => String(v.id).length));
  const lines = videos.map((v) => `${String(v.id).padStart(idWidth)}  ${plain(v.path)}\n${' '.repeat(idWidth + 2)}${describeProbe(v.probe)}`);
  return `${lines.join('\n')}\n${videos.length} video${videos.length === 1 ? '' : 's'}\n`;
}
