/** The tags.* calls of the contract, served by the tagging core (merged into the core handlers). */
import type { CallHandlers, EventPayload } from '../../../shared/contract.js';
import { exportClips } from '../clips/index.js';
import { AppError } from '../../../shared/errors.js';
import type { Store } from '../store/index.js';
import { TagEditor } from './editor.js';
import { TagInterchange } from './interchange.js';
import { Proposals } from './proposals.js';

type TagCallName = Extract<keyof CallHandlers, `tags.${string}` | `clips.${string}`>;
export type TagHandlers = Pick<CallHandlers, TagCallName>;

export function createTagHandlers(store: Store, emitProgress: (progress: EventPayload<'clips.progress'>) => void): TagHandlers {
  const exports = new Map<number, AbortController>();
  let nextExport = 1;
  const editor = new TagEditor(store);
  const proposals = new Proposals(store, editor);
  const interchange = new TagInterchange(store, editor);
  return {
    'tags.state': async ({ trackId }) => editor.state(trackId),
    'tags.createTrack': async ({ videoId, name, labels }) => editor.createTrack(videoId, name, labels),
    'tags.renameTrack': async ({ trackId, name }) => editor.renameTrack(trackId, name),
    'tags.deleteTrack': async ({ trackId }) => ({ deleted: editor.deleteTrack(trackId) }),
    'tags.setLabels': async ({ trackId, labels }) => editor.setLabels(trackId, labels),
    'tags.edit': async ({ trackId, edit, snapRunId }) => {
      if (snapRunId !== undefined && !store.runs.get(snapRunId)) throw new AppError('NOT_FOUND', `No run with id ${snapRunId}.`, { field: 'snapRunId' });
      return nested('edit', ['trackId'], () => editor.edit(trackId, edit, snapRunId));
    },
    'tags.undo': async ({ trackId }) => editor.undo(trackId),
    'tags.redo': async ({ trackId }) => editor.redo(trackId),
    'tags.proposals': async ({ trackId, runId }) => proposals.list(trackId, runId),
    'tags.decide': async (request) => ({ decision: proposals.decide(request), state: editor.state(request.trackId) }),
    'tags.corrections': async ({ trackId }) => {
      editor.track(trackId);
      return { decisions: editor.tags.decisions(trackId), csv: proposals.correctionsCsv(trackId) };
    },
    'tags.export': async ({ source, format }) => nested('source', [], () => interchange.export(source, format)),
    'tags.import': async ({ videoId, path, format, name }) => ({ trackIds: await interchange.import(videoId, path, format, name) }),
    'clips.export': async ({ source, ...options }) => {
      const exportId = nextExport++;
      const controller = new AbortController();
      exports.set(exportId, controller);
      try {
        const result = await exportClips(store, source, { ...options, signal: controller.signal, onProgress: (p) => emitProgress({ exportId, ...p }) });
        return { exportId, ...result };
      } finally {
        exports.delete(exportId);
      }
    },
    'clips.cancel': async ({ exportId }) => {
      const controller = exports.get(exportId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}

/** The edit functions name fields of the edit (`id`, `endFrame`…); the call's field is `edit.id`. Fields in `own` stay as they are. */
function nested<T>(prefix: string, own: readonly string[], fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof AppError) || error.field === undefined || own.includes(error.field)) throw error;
    throw new AppError(error.code, error.message, { file: error.file, field: `${prefix}.${error.field}`, cause: error });
  }
}
