/** ActionLens track JSON: `{ format: "actionlens-tracks", version: 1, media, fps, tracks: [{ name, segments }] }`. */
import { z } from 'zod';
import { frameToSec, InterchangeError, type InterchangeDocument, type InterchangeTrack } from './types.js';

const schema = z.object({
  format: z.literal('actionlens-tracks'),
  version: z.literal(1),
  tracks: z.array(
    z.object({
      name: z.string(),
      segments: z.array(
        z
          .object({ label: z.string().min(1), startFrame: z.number().int().min(0), endFrame: z.number().int().min(1) })
          .refine((s) => s.endFrame > s.startFrame, { message: 'must be after startFrame', path: ['endFrame'] }),
      ),
    }),
  ),
});

export function writeTrackJson(doc: InterchangeDocument): string {
  const tracks = doc.tracks.map((t) => ({
    name: t.name,
    segments: t.segments.map((s) => ({ ...s, startSec: frameToSec(s.startFrame, doc.fps), endSec: frameToSec(s.endFrame, doc.fps) })),
  }));
  return JSON.stringify({ format: 'actionlens-tracks', version: 1, media: doc.mediaFile, fps: doc.fps, tracks }, null, 2) + '\n';
}

export function readTrackJson(text: string): InterchangeTrack[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InterchangeError('is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InterchangeError(`"${issue?.path.join('.') || '(file)'}" ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data.tracks.map((t) => ({ name: t.name, segments: t.segments.map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame })) }));
}
