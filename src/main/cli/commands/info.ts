import type { Command } from 'commander';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';
import { plain } from '../plain.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show the version, the database in use and which ffmpeg/ffprobe binaries were found')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const info = await core.handlers['app.info']({});
        if (options.json) return printJson(info);
        const binary = (b: typeof info.ffmpeg) => (b ? `${b.path} (${b.source})` : 'not found');
        process.stdout.write(
          [
            `ActionLens ${info.version}`,
            `data      ${plain(info.dataDir)}`,
            `database  ${plain(info.databaseFile)}`,
            `videos    ${core.store.videos.count()}`,
            `ffmpeg    ${binary(info.ffmpeg)}`,
            `ffprobe   ${binary(info.ffprobe)}`,
          ].join('\n') + '\n',
        );
      });
    });
}
