/** Exports a track or a run in an interchange format, and imports such a file as new tracks of a video. */
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { INTERCHANGE_EXTENSIONS, type InterchangeFormat } from '../../../shared/tagging/interchange.js';
import { readInterchange, writeInterchange, formatFromFileName, InterchangeError, type InterchangeDocument } from '../export/interchange/index.js';
import { readSmallTextFile } from '../files/small-text-file.js';
import type { Store } from '../store/index.js';
import type { TagEditor } from './editor.js';
import { defaultLabels } from './labels.js';
import { usableFps } from '../../../shared/media.js';

export { defaultLabels };

/** What to export: a hand-made track or a model run (written as one track). */
export type TagSource = { trackId: number } | { runId: number };

/** `track:<id>` or `run:<id>` (a bare number is a run, as `actionlens export` always took). */
export function parseSource(text: string): TagSource {
  const m = /^(?:(track|run):)?(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) < 1) throw new AppError('INVALID_ARGUMENT', `"${text}" is not a run id or track:<id>.`, { field: 'source' });
  return m[1] === 'track' ? { trackId: Number(m[2]) } : { runId: Number(m[2]) };
}


export class TagInterchange {
  constructor(
    private readonly store: Store,
    private readonly editor: TagEditor,
  ) {}

  document(source: TagSource): { doc: InterchangeDocument; colors: Record<string, string>; baseName: string } {
    if ('trackId' in source) {
      const { track, fps } = this.editor.track(source.trackId);
      const video = this.store.videos.get(track.videoId)!;
      const colors = Object.fromEntries(this.editor.tags.labels(track.id).map((l) => [l.name, l.color]));
      const segments = this.editor.segments(track.id).map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame }));
      return { doc: { mediaFile: video.path, fps, tracks: [{ name: track.name, segments }] }, colors, baseName: `${path.parse(video.path).name}.${track.name}` };
    }
    const run = this.store.runs.get(source.runId);
    if (!run) throw new AppError('NOT_FOUND', `No run with id ${source.runId}.`, { field: 'runId' });
    const video = this.store.videos.get(run.videoId)!;
    const fps = usableFps(video.probe.video.fps);
    const segments = this.store.segments.listForRun(run.id).map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame }));
    const name = `${run.modelId} run ${run.id}`;
    return { doc: { mediaFile: video.path, fps, tracks: [{ name, segments }] }, colors: {}, baseName: `${path.parse(video.path).name}.run${run.id}` };
  }

  export(source: TagSource, format: InterchangeFormat): { text: string; fileName: string } {
    const { doc, colors, baseName } = this.document(source);
    return { text: writeInterchange(format, doc, colors), fileName: `${baseName.replace(/[^\w.-]+/g, '_')}.${INTERCHANGE_EXTENSIONS[format]}` };
  }

  /** Reads `file` (format from its name unless given) and adds each of its tracks to the video; nothing is stored when it is invalid. */
  async import(videoId: number, file: string, format?: InterchangeFormat, name?: string): Promise<number[]> {
    const video = this.store.videos.get(videoId);
    if (!video) throw new AppError('NOT_FOUND', `No video with id ${videoId} in the library.`, { field: 'videoId' });
    const chosen = format ?? formatFromFileName(file);
    if (!chosen) throw new AppError('INVALID_ARGUMENT', `${path.basename(file)}: cannot tell the format from the name; give one (csv, json, eaf, sportscode, longomatch).`, { field: 'format', file });
    const text = await readSmallTextFile(path.resolve(file), { what: 'tracks file', field: 'path' });
    const fps = usableFps(video.probe.video.fps);
    let tracks;
    try {
      tracks = readInterchange(chosen, text, fps, name ?? path.parse(file).name);
    } catch (error) {
      if (error instanceof InterchangeError) throw new AppError('INVALID_ARGUMENT', `${path.basename(file)} (${chosen}): ${error.message}`, { field: 'path', file });
      throw error;
    }
    const taken = new Set(this.store.annotations.listForVideo(videoId).map((t) => t.name));
    return this.store.transaction(() =>
      tracks.map((t, i) => {
        const base = clean(tracks.length === 1 && name ? name : t.name) || `imported ${i + 1}`;
        let trackName = base;
        for (let n = 2; taken.has(trackName); n++) trackName = `${base} (${n})`;
        taken.add(trackName);
        const segments = t.segments.map((s) => ({ ...s, label: clean(s.label) }));
        const labels = [...new Set(segments.map((s) => s.label))];
        const state = this.editor.createTrack(videoId, trackName, defaultLabels(labels));
        for (const s of segments) {
          if (!s.label.trim()) throw new AppError('INVALID_ARGUMENT', `${path.basename(file)}: a segment has an empty label.`, { field: 'path', file });
          this.editor.tags.insertSegment(state.trackId, { ...s, startSec: s.startFrame / fps, endSec: s.endFrame / fps });
        }
        return state.trackId;
      }),
    );
  }
}

/** Names and labels from a file: control characters (which SQLite's trim and length stop at) become spaces. */
const clean = (text: string) => text.replace(/\p{Cc}/gu, ' ').trim();
