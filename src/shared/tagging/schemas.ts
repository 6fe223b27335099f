/** Argument schemas of the tags.* calls (kept beside the tagging types; contract.ts lists the calls). */
import { z } from 'zod';
import { DECISIONS } from './types.js';
import { INTERCHANGE_FORMATS } from './interchange.js';

const id = z.number().int().positive();
const frame = z.number().int().min(0).max(2 ** 31);
const edge = z.enum(['start', 'end']);
/** A name or label a person reads: trimmed, not empty, no control characters (SQLite's trim and length stop at them). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((value) => [...value].every((c) => c.codePointAt(0)! >= 32 && c !== '\u007f'), 'must not contain control characters');

export const trackLabelSchema = z
  .object({
    name: text(100),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #4e9bf5'),
    hotkey: z.string().regex(/^[a-z0-9]$/i, 'must be one letter or digit').nullable(),
    mode: z.enum(['toggle', 'fixed']),
    fixedSec: z.number().positive().max(3600),
    leadSec: z.number().min(0).max(600),
    lagSec: z.number().min(0).max(600),
  })
  .strict();

export const tagEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), label: text(100), startFrame: frame, endFrame: frame }).strict(),
  z.object({ op: z.literal('setEdge'), id, edge, frame: z.number().min(0).max(2 ** 31), snap: z.boolean().optional() }).strict(),
  z.object({ op: z.literal('move'), id, deltaFrames: z.number().int().min(-(2 ** 31)).max(2 ** 31) }).strict(),
  z.object({ op: z.literal('split'), id, atFrame: frame }).strict(),
  z.object({ op: z.literal('merge'), id, withId: id }).strict(),
  z.object({ op: z.literal('relabel'), id, label: text(100) }).strict(),
  z.object({ op: z.literal('delete'), id }).strict(),
  z.object({ op: z.literal('nudge'), id, edge, delta: z.union([z.literal(1), z.literal(-1)]) }).strict(),
]);

export const tagSourceSchema = z.union([z.object({ trackId: id }).strict(), z.object({ runId: id }).strict()]);

export const clipExportArgs = z
  .object({
    source: tagSourceSchema,
    outDir: z
      .string()
      .min(1, 'must not be empty')
      .max(4096)
      .refine((dir) => dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir), 'must be an absolute folder path'),
    labels: z.array(text(100)).max(100).default([]),
    minConfidence: z.number().min(0).max(1).optional(),
    preRollSec: z.number().min(0).max(600).default(0),
    postRollSec: z.number().min(0).max(600).default(0),
    reel: z.boolean().default(false),
  })
  .strict();

export const tagCallArgs = {
  state: z.object({ trackId: id }).strict(),
  createTrack: z.object({ videoId: id, name: text(200), labels: z.array(trackLabelSchema).max(100).default([]) }).strict(),
  renameTrack: z.object({ trackId: id, name: text(200) }).strict(),
  setLabels: z.object({ trackId: id, labels: z.array(trackLabelSchema).max(100) }).strict(),
  edit: z.object({ trackId: id, edit: tagEditSchema, snapRunId: id.optional() }).strict(),
  proposals: z.object({ trackId: id, runId: id }).strict(),
  decide: z
    .object({ trackId: id, runId: id, proposalId: id, decision: z.enum(DECISIONS), label: text(100).optional(), startFrame: frame.optional(), endFrame: frame.optional() })
    .strict(),
  export: z.object({ source: tagSourceSchema, format: z.enum(INTERCHANGE_FORMATS) }).strict(),
  import: z.object({ videoId: id, path: z.string().min(1, 'must not be empty').max(4096), format: z.enum(INTERCHANGE_FORMATS).optional(), name: text(200).optional() }).strict(),
};
