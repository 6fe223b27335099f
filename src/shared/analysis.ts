/**
 * What a user chooses when analysing a video, and what comes out. The schemas validate the
 * contract's payloads and the CLI's flags alike; parameters are stored with each run.
 */
import { z } from 'zod';

export const EXECUTION_PROVIDERS = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

/**
 * Smoothing windows: 301 frames is 10 s at 30 fps, beyond any action's scale. A median costs
 * O(window) per frame and class (measured for an hour at 30 fps: 31 frames 0.08 s at 11 classes
 * but seconds at 400), so its window stops at 31 to keep re-deriving interactive.
 */
export const MAX_SMOOTHING_WINDOW = 301;
export const MAX_MEDIAN_WINDOW = 31;

/** Turning per-frame probabilities into segments. Re-run on stored probabilities without the model. */
export const postprocessSchema = z
  .object({
    smoothing: z
      .object({
        kind: z.enum(['none', 'moving-average', 'median']),
        /** Centred window, in frames; odd. */
        windowFrames: z
          .number()
          .int()
          .positive()
          .max(MAX_SMOOTHING_WINDOW, `must be at most ${MAX_SMOOTHING_WINDOW} frames`)
          .refine((n) => n % 2 === 1, 'must be odd'),
      })
      .strict()
      .refine((s) => s.kind !== 'median' || s.windowFrames <= MAX_MEDIAN_WINDOW, {
        message: `must be at most ${MAX_MEDIAN_WINDOW} frames for median smoothing (use moving-average for longer windows)`,
        path: ['windowFrames'],
      })
      .default({ kind: 'moving-average', windowFrames: 5 }),
    /** Frames whose best class is below this probability belong to no segment ("no confident action"). */
    threshold: z.number().min(0).max(1).default(0.4),
    /** Segments shorter than this are merged into their neighbours. */
    minSegmentSec: z.number().min(0).default(0.3),
    /** The label switches only when the new class beats the current one by this margin. */
    hysteresis: z.number().min(0).max(1).default(0.05),
    /** Viterbi decoding over the smoothed probabilities with a per-switch penalty (log space). */
    viterbi: z.object({ enabled: z.boolean(), switchPenalty: z.number().min(0) }).strict().default({ enabled: false, switchPenalty: 4 }),
  })
  .strict();
export type PostprocessOptions = z.output<typeof postprocessSchema>;
/** The schema's defaults: what the CLI's flags and the UI's fields start from. */
export const DEFAULT_POSTPROCESS: PostprocessOptions = postprocessSchema.parse({});

/** Largest stride and window stride accepted (over 5 minutes at 30 fps); beyond it a job would only fail later. */
export const MAX_SAMPLING_STRIDE = 10_000;

/** How the model is applied over time; recorded with the run and part of its identity. */
export const samplingSchema = z
  .object({
    /** Frame models: analyse every Nth frame (frames between take the nearest analysed one). */
    stride: z.number().int().positive().max(MAX_SAMPLING_STRIDE).default(1),
    /** Clip and two-stream models: frames between consecutive window starts. */
    windowStride: z.number().int().positive().max(MAX_SAMPLING_STRIDE).default(4),
  })
  .strict();
export type SamplingOptions = z.output<typeof samplingSchema>;
export const DEFAULT_SAMPLING: SamplingOptions = samplingSchema.parse({});

export const analysisRequestSchema = z
  .object({
    modelId: z.string().min(1),
    sampling: samplingSchema.default(DEFAULT_SAMPLING),
    postprocess: postprocessSchema.default(DEFAULT_POSTPROCESS),
    /** Not part of the run's identity: the same model gives the same labels on any provider. */
    provider: z.enum(EXECUTION_PROVIDERS).default('auto'),
    /** ffmpeg hardware decoding (`-hwaccel auto`), falling back to software. */
    hwaccel: z.boolean().default(false),
    /**
     * A file still being written (a recording): keep labelling frames as they arrive, and finish
     * once the file has not grown for this many seconds. Not part of the run's identity.
     */
    followIdleSec: z.number().positive().max(3600).optional(),
  })
  .strict();
export type AnalysisRequest = z.output<typeof analysisRequestSchema>;
export const DEFAULT_PROVIDER: ExecutionProvider = analysisRequestSchema.shape.provider.parse(undefined);

/** A stretch of frames with one label. Frames are half-open: [startFrame, endFrame). */
export interface Segment {
  label: string;
  classIndex: number;
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
  /** Mean probability of the label over the segment's frames. */
  confidence: number;
}
