/** What travels through Redis between a coordinator and its workers (validated on arrival with zod). */
import { z } from 'zod';

const restartSchema = z.object({ frame: z.number().int().nonnegative(), state: z.string().nullable() });

/** One analysis job: a run the coordinator created, to compute from `resumeFrom` on. */
export const jobDataSchema = z.object({
  /** The coordinator's results queue. */
  resultsQueue: z.string().min(1),
  runId: z.number().int().positive(),
  /** The video as the coordinator sees it; a worker maps the path (--map) and checks the fingerprint. */
  path: z.string().min(1),
  fingerprint: z.string().min(1),
  probe: z.unknown(),
  modelId: z.string().min(1),
  /** The run identity the coordinator computed: a worker with another model file or engine refuses the job. */
  paramsHash: z.string().min(1),
  request: z.unknown(),
  commitFrames: z.number().int().positive().optional(),
  /** Rows before this frame are stored by the coordinator; updated as chunks arrive, so a retry continues there. */
  resumeFrom: z.number().int().nonnegative(),
  restart: restartSchema.nullable(),
});
export type JobData = z.infer<typeof jobDataSchema>;

const gapSchema = z.object({ startFrame: z.number().int().nonnegative(), frameCount: z.number().int().positive() });

/** A worker's message on the coordinator's results queue, in the order it sent them. */
export const resultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chunk'),
    jobId: z.string(),
    runId: z.number().int().positive(),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    /** Float32 rows, little-endian, base64: exactly what a local run hands its store. */
    probs: z.string(),
    times: z.string().nullable(),
    resume: restartSchema.nullable(),
    gaps: z.array(gapSchema),
    /** What computed it, recorded on the run as a local run records its own. */
    provider: z.string(),
    threads: z.object({ intraOp: z.number().int(), interOp: z.number().int() }),
  }),
  z.object({ kind: z.literal('done'), jobId: z.string(), runId: z.number().int().positive(), frameCount: z.number().int().nonnegative(), worker: z.string() }),
  z.object({ kind: z.literal('notice'), jobId: z.string(), runId: z.number().int().positive(), message: z.string() }),
]);
export type ResultMessage = z.infer<typeof resultSchema>;

export const toBase64 = (view: ArrayBufferView): string => Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');

/** A typed array of `Type` from base64 (copied, so aligned). */
export function fromBase64<T extends Float32Array | Float64Array>(text: string, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`a ${Type.name} payload of ${bytes.byteLength} bytes`);
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}

export const stateFromBase64 = (text: string | null): Uint8Array | null => (text === null ? null : new Uint8Array(Buffer.from(text, 'base64')));

/** BullMQ job ids may not contain ':'. */
export const analysisJobId = (coordinatorId: string, runId: number): string => `run-${coordinatorId}-${runId}`;

/**
 * The Redis pub/sub channel a coordinator publishes a job id on when its run is cancelled while a
 * worker computes it; the worker holding it aborts it (BullMQ's Worker.cancelJob). An ACL user
 * needs `&actionlens-*` for it.
 */
export const CANCEL_CHANNEL = 'actionlens-cancel';
