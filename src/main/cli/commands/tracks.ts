/** `actionlens tracks`: a video's annotation tracks, importing ELAN/Sportscode/LongoMatch/CSV/JSON files, and proposal corrections. */
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors.js';
import { INTERCHANGE_FORMATS, type InterchangeFormat } from '../../../shared/tagging/interchange.js';
import { TagEditor } from '../../core/tags/editor.js';
import { parseSource, TagInterchange } from '../../core/tags/interchange.js';
import { Proposals } from '../../core/tags/proposals.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

interface ImportOptions extends GlobalOptions {
  format?: InterchangeFormat;
  name?: string;
}

const videoId = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new AppError('INVALID_ARGUMENT', `"${value}" is not a video id (see library list).`, { field: 'video' });
  return id;
};

export function registerTracks(program: Command): void {
  const tracks = program.command('tracks').description('annotation tracks: list, import from other tools, proposal corrections');
  tracks
    .command('list')
    .description("a video's annotation tracks with their segment counts")
    .argument('<video>', 'video id (see library list)')
    .action(async (video: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const list = core.store.annotations.listForVideo(videoId(video)).map((t) => ({ ...t, segmentCount: core.store.segments.listForTrack(t.id).length }));
        if (options.json) printJson(list);
        else process.stdout.write(list.map((t) => `track:${t.id}  ${t.segmentCount} segments  ${t.name}\n`).join('') || 'No tracks on this video.\n');
      });
    });
  tracks
    .command('import')
    .description('read a tracks file (ELAN .eaf, Sportscode .xml, LongoMatch .longomatch.csv, track .csv or .json) into new tracks of a video')
    .argument('<video>', 'video id (see library list)')
    .argument('<file>', 'the file to read')
    .option('-f, --format <format>', `${INTERCHANGE_FORMATS.join(', ')} (default: from the file name)`)
    .option('--name <name>', 'name of the new track (when the file holds one)')
    .action(async (video: string, file: string, _options, command: Command) => {
      const options = command.optsWithGlobals<ImportOptions>();
      await withCore(options, async (core) => {
        if (options.format && !(INTERCHANGE_FORMATS as readonly string[]).includes(options.format)) {
          throw new AppError('INVALID_ARGUMENT', `--format must be one of ${INTERCHANGE_FORMATS.join(', ')}.`, { field: 'format' });
        }
        const ids = await new TagInterchange(core.store, new TagEditor(core.store)).import(videoId(video), file, options.format, options.name);
        if (options.json) printJson({ trackIds: ids });
        else process.stdout.write(ids.map((id) => `imported track:${id}\n`).join(''));
      });
    });
  tracks
    .command('corrections')
    .description("a track's decisions on model proposals (accept, trim, reject with labels and edges before/after) as CSV")
    .argument('<track>', 'track:<id>')
    .action(async (track: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const source = parseSource(track);
        if (!('trackId' in source)) throw new AppError('INVALID_ARGUMENT', `"${track}" is not track:<id>.`, { field: 'track' });
        const editor = new TagEditor(core.store);
        editor.track(source.trackId);
        if (options.json) printJson(editor.tags.decisions(source.trackId));
        else process.stdout.write(new Proposals(core.store, editor).correctionsCsv(source.trackId));
      });
    });
}
