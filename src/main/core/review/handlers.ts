import { join } from 'node:path';
import type { CallHandlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Store } from '../store/index.js';
import { exportIncident } from './incident-export.js';
import { previewDataUrl } from './previews.js';
import type { ReviewService } from './service.js';

type ReviewCallName = 'review.sources' | 'review.items' | 'review.counts' | 'review.mark' | 'review.note' | 'review.preview' | 'review.impact' | 'review.updateRule' | 'incidents.export';

/** A refusal names the call's field (the repository knows only ids). */
function naming<T>(field: string, work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    if (error instanceof AppError && error.field === undefined) throw new AppError(error.code, error.message, { file: error.file, field, cause: error });
    if (!(error instanceof AppError)) throw new AppError('DECODE_FAILED', (error as Error).message, { field, cause: error });
    throw error;
  });
}

/** The contract's review-queue calls, served by the ReviewService. */
export function reviewHandlers(ctx: { review: ReviewService; store: Store; dataDir: string; version: string }): Pick<CallHandlers, ReviewCallName> {
  const { repo } = ctx.review;
  return {
    'review.sources': async () => ({ sources: repo.sources(), rules: repo.rules() }),
    'review.items': async (filter) => repo.page(filter),
    'review.counts': async () => repo.counts(),
    'review.mark': ({ itemIds, verdict }) => naming('itemIds', async () => ({ changed: repo.setVerdict(itemIds, verdict), unreviewedTotal: repo.page({ limit: 0 }).unreviewedTotal })),
    'review.note': ({ itemId, note }) => naming('itemId', async () => repo.setNote(itemId, note)),
    'review.preview': ({ itemId, kind }) => naming('itemId', async () => ({ dataUrl: await previewDataUrl(ctx.dataDir, repo.item(itemId), kind) })),
    'review.impact': ({ ruleId, minConfidence }) => naming('ruleId', async () => ctx.review.impact(ruleId, minConfidence)),
    'review.updateRule': ({ ruleId, settings }) => naming('ruleId', async () => ctx.review.updateRule(ruleId, settings)),
    'incidents.export': ({ itemId, outDir }) => naming('itemId', () => exportIncident(ctx.store, repo, itemId, outDir ?? join(ctx.dataDir, 'incidents'), ctx.version)),
  };
}
