import { z } from 'zod';
import type { AlertRuleSettings } from './review.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (00:00–23:59)');
const seconds = (max: number) => z.number().min(0).max(max);

/** An alert rule's settings as the contract and the CLI accept them; defaults fill what is left out. */
export const alertRuleSettingsSchema = z
  .object({
    classes: z.array(z.string().min(1).max(200)).max(400).default([]),
    minConfidence: z.number().min(0).max(1).default(0.5),
    minDurationSec: seconds(3600).default(0),
    windows: z.array(z.object({ start: clock, end: clock }).strict()).max(24).default([]),
    preRollSec: seconds(300).default(3),
    postRollSec: seconds(300).default(3),
    mergeGapSec: seconds(3600).default(10),
  })
  .strict() satisfies z.ZodType<AlertRuleSettings, unknown>;

export const reviewSourceSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    path: z.string().min(1, 'must not be empty').max(4096),
    recursive: z.boolean().default(false),
    modelIds: z.array(z.string().min(1).max(200)).min(1, 'must name at least one model'),
    stride: z.number().int().positive().max(9000).default(4),
    /** Watched by the desktop app and `actionlens serve` (not by `actionlens watch`, which watches every source). */
    watching: z.boolean().default(false),
  })
  .strict();
