/**
 * Model manifest, schema v1: everything ActionLens must know to feed a model exactly as it was
 * trained and to read what it returns. The default models and imported models use the same
 * schema; `models/manifest.schema.json` is generated from it (npm run schema).
 */
import { z } from 'zod';

/** How a model sees time, which decides how the engine labels every frame with it. */
export const MODEL_FAMILIES = [
  'frame-classifier', // one frame in, one prediction out (frame-by-frame CNN)
  'recurrent', // frames in chunks, carrying recurrent state across chunks (CNN+LSTM/GRU)
  'clip', // a clip of T frames in, one prediction for the clip (3D-CNN); slid over the video
  'two-stream', // an RGB frame plus stacked optical flow in, one prediction; slid over the video
] as const;

/**
 * Tensor layouts. N batch, C channels, T time, H height, W width; NSCHW is a 2D model fed
 * S segments (or crops × segments) as its second axis (MMAction2's TSN-style exports).
 */
export const LAYOUTS = ['NCHW', 'NTCHW', 'NCTHW', 'NSCHW'] as const;

const name = z.string().min(1);
const dim = z.union([z.number().int().positive(), z.string().min(1)]); // a fixed size or a named dynamic axis
const triple = z.tuple([z.number(), z.number(), z.number()]);

export const tensorInputSchema = z
  .object({
    name,
    layout: z.enum(LAYOUTS),
    shape: z.array(dim).min(3).max(6),
    dtype: z.literal('float32').default('float32'),
  })
  .strict();

export const recurrentStateSchema = z
  .object({
    /** Graph input that receives the state (zeros for the first chunk). */
    input: name,
    /** Graph output that carries the state to the next chunk. */
    output: name,
    shape: z.array(z.number().int().positive()).min(1),
  })
  .strict();

export const preprocessSchema = z
  .object({
    /** Size of the model's input frames. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** `stretch`: scale to width×height. `short-side-crop`: scale the short side to `shortSide`, then centre-crop. */
    resize: z.enum(['stretch', 'short-side-crop']),
    shortSide: z.number().int().positive().optional(),
    interpolation: z.enum(['bilinear', 'bicubic', 'area']).default('bilinear'),
    colorOrder: z.enum(['RGB', 'BGR']),
    /** Pixel values before mean/std: 0–1 or 0–255. */
    valueRange: z.enum(['0-1', '0-255']),
    mean: triple,
    std: triple,
  })
  .strict()
  .refine((p) => p.resize !== 'short-side-crop' || p.shortSide !== undefined, { message: 'shortSide is required with resize "short-side-crop"', path: ['shortSide'] });

export const flowSchema = z
  .object({
    algorithm: z.literal('farneback'),
    /** L: consecutive frame pairs stacked (2L channels: x and y of each pair). */
    pairs: z.number().int().positive(),
    /** Flow is computed on grey frames of this size. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    params: z
      .object({
        pyrScale: z.number(),
        levels: z.number().int(),
        winsize: z.number().int(),
        iterations: z.number().int(),
        polyN: z.number().int(),
        polySigma: z.number(),
      })
      .strict(),
    /** Flow values are clipped to ±bound pixels, then divided by bound. */
    bound: z.number().positive(),
  })
  .strict();

export const manifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
    name,
    version: z.string().min(1),
    family: z.enum(MODEL_FAMILIES),
    /** Free text for people: "cnn-lstm", "r3d_18", … */
    architecture: z.string().min(1),
    labels: z.array(z.string().min(1)).min(2),
    inputs: z
      .object({
        rgb: tensorInputSchema,
        flow: tensorInputSchema.optional(),
        state: z.array(recurrentStateSchema).optional(),
      })
      .strict(),
    output: z.object({ name, kind: z.enum(['logits', 'probabilities']) }).strict(),
    /** Clip and two-stream models: frames per clip and the step between sampled frames. */
    clip: z.object({ length: z.number().int().positive(), frameInterval: z.number().int().positive() }).strict().optional(),
    preprocess: preprocessSchema,
    flow: flowSchema.optional(),
    training: z
      .object({
        dataFingerprint: z.string().optional(),
        command: z.string().optional(),
        seed: z.number().int().optional(),
      })
      .passthrough()
      .optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const need = (cond: boolean, path: (string | number)[], message: string) => {
      if (!cond) ctx.addIssue({ code: 'custom', path, message });
    };
    need(m.family !== 'recurrent' || (m.inputs.state?.length ?? 0) > 0, ['inputs', 'state'], 'a recurrent model needs its state inputs and outputs');
    need(m.family !== 'two-stream' || m.inputs.flow !== undefined, ['inputs', 'flow'], 'a two-stream model needs a flow input');
    need(m.family !== 'two-stream' || m.flow !== undefined, ['flow'], 'a two-stream model needs its flow parameters');
    need(!['clip', 'two-stream'].includes(m.family) || m.clip !== undefined, ['clip'], `a ${m.family} model needs clip.length and clip.frameInterval`);
  });

export type ModelManifest = z.output<typeof manifestSchema>;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
