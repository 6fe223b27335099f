import type { Command } from 'commander';
import { probeVideo } from '../../core/media/index.js';
import { describeProbe, probeTable } from '../format.js';
import { printJson, reportError, type OutputOptions } from '../output.js';
import { plain } from '../plain.js';

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('show what a video file holds: container, codec, size, rotation, frame rates, frame count, audio')
    .argument('<files...>', 'video files')
    .action(async (files: string[], _options, command: Command) => {
      const output = command.optsWithGlobals<OutputOptions>();
      const results = [];
      for (const file of files) {
        try {
          const probe = await probeVideo(file);
          results.push(probe);
          if (!output.json) process.stdout.write(files.length > 1 ? `${plain(file)}: ${describeProbe(probe)}\n` : `${probeTable(probe)}\n`);
        } catch (error) {
          reportError(error, { json: false });
          if (output.json) results.push({ file, error: (error as Error).message });
        }
      }
      if (output.json) printJson(files.length === 1 ? results[0] : results);
    });
}
