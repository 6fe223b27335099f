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
 * Tensor layouts. N batch, C channels, T time, H height, W width. NSCHW is a 2D model fed
 * S segments (or crops × segments) as its second axis (MMAction2's TSN/TSM exports: a frame
 * classifier with S = 1, or a clip model with S = clip.length). NMCTHW is a 3D model fed M
 * crops × clips of C×T×H×W (MMAction2's 3D exports); ActionLens feeds one centre crop, M = 1.
 */
export const LAYOUTS = ['NCHW', 'NTCHW', 'NCTHW', 'NSCHW', 'NMCTHW'] as const;

/**
 * Keypoint input layouts (skeleton models): V the 17 COCO keypoints, C their 3 channels (x, y in
 * video pixels, score). NVC: one frame per sample (frame-classifier); NTVC: T frames per sample
 * (recurrent: a chunk of one person's frames, N = 1; clip: a causal window of clip.length frames).
 */
export const KEYPOINT_LAYOUTS = ['NVC', 'NTVC'] as const;

/**
 * How frames are brought to the input size. `stretch`: scaled straight to width×height.
 * `short-side-crop`: the short side scaled to `shortSide` (aspect kept), then a centre crop.
 * `direct-crop`: scaled straight to resizeWidth×resizeHeight (aspect not kept), then a centre
 * crop (torchvision's VideoResNet recipe: 171×128, then 112×112).
 */
export const RESIZE_POLICIES = ['stretch', 'short-side-crop', 'direct-crop'] as const;

const name = z.string().min(1);
const dim = z.union([z.number().int().positive(), z.string().min(1)]); // a fixed size or a named dynamic axis
const triple = z.tuple([z.number(), z.number(), z.number()]);

export const tensorInputSchema = z
  .object({
    name,
    layout: z.enum(LAYOUTS).describe('Axis order: N batch, C channels, T time, H height, W width, S segments, M crops'),
    shape: z.array(dim).min(3).max(6).describe('One entry per layout axis: a fixed size, or a name for an axis the engine varies'),
    dtype: z.literal('float32').default('float32'),
  })
  .strict();

export const keypointsInputSchema = z
  .object({
    name,
    layout: z.enum(KEYPOINT_LAYOUTS).describe('Axis order: N batch, T time, V keypoints (17, COCO order), C channels (x, y, score)'),
    shape: z.array(dim).min(3).max(4).describe('One entry per layout axis: a fixed size, or a name for an axis the engine varies'),
    dtype: z.literal('float32').default('float32'),
  })
  .strict();

/** The video's frame rate, fed to skeleton models (their graphs turn frame steps into seconds). */
export const fpsInputSchema = z
  .object({
    name,
    shape: z.array(dim).length(1).describe('[N]: one frame rate per sample (a fixed size, or the batch axis name)'),
  })
  .strict();

/**
 * What a skeleton model's keypoints are (the pose stage's output, src/shared/pose.ts). There is no
 * `preprocess`: the graph normalises the keypoints itself.
 */
export const keypointsSpecSchema = z
  .object({
    format: z.literal('coco-17').describe('COCO-17 keypoint order, as the pose stage outputs it'),
    channels: z.tuple([z.literal('x'), z.literal('y'), z.literal('score')]).describe('Per keypoint: x, y, score'),
    units: z.literal('video-pixels').describe('x and y in pixels of the video as displayed'),
    /** Keypoints scoring below this are treated as not seen (by the graph; informative for the engine). */
    minScore: z.number().min(0).max(1),
    /** For people: how a frame without the person is fed (every score 0). */
    absent: z.string().min(1).optional(),
  })
  .strict();

export const recurrentStateSchema = z
  .object({
    /** Graph input that receives the state (zeros for the first chunk). */
    input: name,
    /** Graph output that carries the state to the next chunk. */
    output: name,
    shape: z.array(z.number().int().positive()).min(1).describe('State tensor shape (input and output alike)'),
  })
  .strict();

export const preprocessSchema = z
  .object({
    /** Size of the model's input frames. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** See RESIZE_POLICIES. */
    resize: z.enum(RESIZE_POLICIES).describe('stretch to width×height; short-side-crop: short side to shortSide, then centre crop; direct-crop: to resizeWidth×resizeHeight, then centre crop'),
    /** short-side-crop: the short side's length before the crop. */
    shortSide: z.number().int().positive().optional(),
    /** direct-crop: the frame size before the crop. */
    resizeWidth: z.number().int().positive().optional(),
    resizeHeight: z.number().int().positive().optional(),
    /**
     * Where an odd margin puts the centre crop: `floor` (MMAction2: left = (w − cw) // 2) or
     * `round-half-even` (torchvision's center_crop: int(round((w − cw) / 2)), Python rounding). Default floor.
     */
    cropOffset: z.enum(['floor', 'round-half-even']).optional().describe('Centre crop offset for odd margins: floor (MMAction2, default) or round-half-even (torchvision)'),
    interpolation: z.enum(['bilinear', 'bicubic', 'area']).default('bilinear'),
    colorOrder: z.enum(['RGB', 'BGR']).describe('Channel order the model expects; mean and std are listed in this order'),
    /** Pixel values before mean/std: 0–1 or 0–255. */
    valueRange: z.enum(['0-1', '0-255']).describe('Pixel values before (value − mean) / std'),
    mean: triple,
    std: triple,
  })
  .strict()
  .refine((p) => p.resize !== 'short-side-crop' || p.shortSide !== undefined, { message: 'shortSide is required with resize "short-side-crop"', path: ['shortSide'] })
  .refine((p) => p.resize !== 'direct-crop' || p.resizeWidth !== undefined, { message: 'resizeWidth is required with resize "direct-crop"', path: ['resizeWidth'] })
  .refine((p) => p.resize !== 'direct-crop' || p.resizeHeight !== undefined, { message: 'resizeHeight is required with resize "direct-crop"', path: ['resizeHeight'] });

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

const clipSchema = z
  .object({
    /** Frames per clip (segments, for an NSCHW clip model). */
    length: z.number().int().positive().describe('Frames per clip (segments for an NSCHW clip model)'),
    /** Step between the clip's sampled frames, in video frames. */
    frameInterval: z.number().int().positive().describe('Video frames between the sampled frames of a clip'),
    /**
     * The frame rate the model was trained at (torchvision: 15 fps for the ResNets), for people
     * and tools choosing frameInterval (≈ video fps / targetFps); the engine samples by frameInterval.
     */
    targetFps: z.number().positive().optional().describe('Frame rate the model was trained at (informative; the engine samples by frameInterval)'),
    /** Skeleton clip models: how the window sits on the labelled frame, in words (the engine's window is causal: it ends there). */
    window: z.string().min(1).optional().describe('For people: where the window sits relative to the frame it labels'),
  })
  .strict();

const manifestFields = {
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  name,
  version: z.string().min(1),
  family: z.enum(MODEL_FAMILIES).describe('frame-classifier, recurrent (state carried across chunks), clip (one prediction per clip of frames), two-stream (RGB + optical flow)'),
  /** Free text for people: "cnn-lstm", "r3d_18", … */
  architecture: z.string().min(1),
  /** One label per output class, in output order. */
  labels: z.array(z.string().min(1)).min(2).describe('One label per output class, in output order'),
  inputs: z
    .object({
      rgb: tensorInputSchema.optional().describe('RGB frames (every family but skeleton models)'),
      flow: tensorInputSchema.optional(),
      keypoints: keypointsInputSchema.optional().describe('Skeleton models, instead of rgb: one tracked person\'s keypoints'),
      fps: fpsInputSchema.optional().describe('Skeleton models: the video\'s frame rate'),
      state: z.array(recurrentStateSchema).optional(),
    })
    .strict(),
  output: z.object({ name, kind: z.enum(['logits', 'probabilities']).describe('logits get a softmax; probabilities are used as they are') }).strict(),
  /** Clip and two-stream models: frames per clip and the step between sampled frames. */
  clip: clipSchema.optional(),
  /** RGB models only (required with inputs.rgb, absent with inputs.keypoints). */
  preprocess: preprocessSchema.optional(),
  flow: flowSchema.optional(),
  /** Skeleton models only (required with inputs.keypoints). */
  keypoints: keypointsSpecSchema.optional(),
  training: z
    .object({
      dataFingerprint: z.string().optional(),
      command: z.string().optional(),
      seed: z.number().int().optional(),
    })
    .passthrough()
    .optional(),
};

type ManifestCore = { family: ModelFamily; inputs: { rgb?: unknown; flow?: unknown; keypoints?: unknown; fps?: unknown; state?: unknown[] }; flow?: unknown; clip?: unknown; preprocess?: unknown; keypoints?: unknown };

function familyRules(m: ManifestCore, ctx: z.RefinementCtx): void {
  const need = (cond: boolean, path: (string | number)[], message: string) => {
    if (!cond) ctx.addIssue({ code: 'custom', path, message });
  };
  need(m.family !== 'recurrent' || (m.inputs.state?.length ?? 0) > 0, ['inputs', 'state'], 'a recurrent model needs its state inputs and outputs');
  need(m.family !== 'two-stream' || m.inputs.flow !== undefined, ['inputs', 'flow'], 'a two-stream model needs a flow input');
  need(m.family !== 'two-stream' || m.flow !== undefined, ['flow'], 'a two-stream model needs its flow parameters');
  need(!['clip', 'two-stream'].includes(m.family) || m.clip !== undefined, ['clip'], `a ${m.family} model needs clip.length and clip.frameInterval`);
  // [Note: RGB or skeleton] A model sees frames (inputs.rgb + preprocess) or one tracked person's
  // keypoints (inputs.keypoints + keypoints, optional fps; the graph normalises, so no preprocess).
  const skeleton = m.inputs.keypoints !== undefined;
  need(skeleton !== (m.inputs.rgb !== undefined), ['inputs'], 'give inputs.rgb (frames) or inputs.keypoints (a skeleton model), exactly one of them');
  if (skeleton) {
    need(m.keypoints !== undefined, ['keypoints'], 'a skeleton model (inputs.keypoints) needs its keypoints description');
    need(m.preprocess === undefined, ['preprocess'], 'a skeleton model (inputs.keypoints) takes no preprocess: its graph normalises the keypoints');
    need(m.family !== 'two-stream', ['family'], 'a skeleton model is a frame-classifier, recurrent or clip model (two-stream means RGB + optical flow)');
    need(m.inputs.flow === undefined && m.flow === undefined, ['inputs', 'flow'], 'a skeleton model takes no optical flow');
  } else {
    need(m.preprocess !== undefined, ['preprocess'], 'an RGB model (inputs.rgb) needs its preprocess');
    need(m.keypoints === undefined && m.inputs.fps === undefined, ['keypoints'], 'keypoints and inputs.fps belong to skeleton models (inputs.keypoints)');
  }
}

/** A manifest as the engine uses it: labels always inline. */
export const manifestSchema = z.object(manifestFields).strict().superRefine(familyRules);

/**
 * A manifest as written on disk (and in models/manifest.schema.json): the labels inline, or in
 * `labelsFile`, a UTF-8 text file beside the manifest with one label per line.
 */
export const manifestFileSchema = z
  .object({
    ...manifestFields,
    labels: manifestFields.labels.optional(),
    /** Path relative to the manifest: one label per line, in output order (blank lines ignored). */
    labelsFile: z.string().min(1).optional().describe('Instead of labels: a UTF-8 file beside the manifest, one label per line'),
  })
  .strict()
  .superRefine(familyRules)
  .superRefine((m, ctx) => {
    const count = (m.labels ? 1 : 0) + (m.labelsFile ? 1 : 0);
    if (count !== 1) ctx.addIssue({ code: 'custom', path: ['labels'], message: count === 0 ? 'give the labels, or a labelsFile' : 'give labels or labelsFile, not both' });
  });

export type ModelManifest = z.output<typeof manifestSchema>;
export type ManifestFile = z.output<typeof manifestFileSchema>;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
export type Layout = (typeof LAYOUTS)[number];
export type KeypointLayout = (typeof KEYPOINT_LAYOUTS)[number];
export type TensorInput = z.output<typeof tensorInputSchema>;
export type Preprocess = z.output<typeof preprocessSchema>;

/** A skeleton model: fed tracked people's keypoints (from a pose run), not frames. */
export function isSkeletonModel(m: Pick<ModelManifest, 'inputs'>): boolean {
  return m.inputs.keypoints !== undefined;
}

/**
 * The RGB input and preprocess of a frame model, for code that only runs RGB models (the frame
 * pipeline, flow, presets). The schema guarantees both for every manifest without inputs.keypoints.
 */
export function rgbParts(m: Pick<ModelManifest, 'id' | 'inputs' | 'preprocess'>): { rgb: TensorInput; preprocess: Preprocess } {
  const { rgb } = m.inputs;
  if (!rgb || !m.preprocess) throw new Error(`Model "${m.id}" is a skeleton model: it is fed keypoints, not frames.`);
  return { rgb, preprocess: m.preprocess };
}
