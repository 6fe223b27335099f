import { join } from 'node:path';
import type { CallHandlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { ReviewChange } from '../../../shared/review.js';
import type { Store } from '../store/index.js';
import { exportIncident } from './incident-export.js';
import { previewDataUrl } from './previews.js';
import type { ReviewService } from './service.js';

type ReviewCallName =
  | 'review.sources' | 'review.items' | 'review.counts' | 'review.mark' | 'review.note' | 'review.preview' | 'review.impact' | 'review.updateRule'
  | 'review.addSource' | 'review.removeSource' | 'review.watchSource' | 'incidents.export';

/** A refusal names the call's field (the repository knows only ids). */
function naming<T>(field: string, work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    if (error instanceof AppError && error.field === undefined) throw new AppError(error.code, error.message, { file: error.file, field, cause: error });
    if (!(error instanceof AppError)) throw new AppError('DECODE_FAILED', (error as Error).message, { field, cause: error });
    throw error;
  });
}

/** The contract's review-queue calls, served by the ReviewService; each change is a `review.changed` event. */
export function reviewHandlers(ctx: { review: ReviewService; store: Store; dataDir: string; version: string; changed: (change: ReviewChange) => void }): Pick<CallHandlers, ReviewCallName> {
  const { repo } = ctx.review;
  const announcing = <T>(change: ReviewChange | ((result: T) => ReviewChange), work: () => Promise<T>): Promise<T> =>
    work().then((result) => {
      ctx.changed(typeof change === 'function' ? change(result) : change);
      return result;
    });
  return {
    'review.sources': async () => ({ sources: repo.sources(), rules: repo.rules() }),
    'review.items': async (filter) => repo.page(filter),
    'review.counts': async () => repo.counts(),
    'review.mark': ({ itemIds, verdict }) => announcing({ reason: 'triage' }, () => naming('itemIds', async () => ({ changed: repo.setVerdict(itemIds, verdict), unreviewedTotal: repo.page({ limit: 0 }).unreviewedTotal }))),
    'review.note': ({ itemId, note }) => announcing({ reason: 'triage' }, () => naming('itemId', async () => repo.setNote(itemId, note))),
    'review.preview': ({ itemId, kind }) => naming('itemId', async () => ({ dataUrl: await previewDataUrl(ctx.dataDir, repo.item(itemId), kind) })),
    'review.impact': ({ ruleId, minConfidence }) => naming('ruleId', async () => ctx.review.impact(ruleId, minConfidence)),
    'review.updateRule': ({ ruleId, settings }) => announcing((rule) => ({ reason: 'items', sourceId: rule.sourceId }), () => naming('ruleId', async () => ctx.review.updateRule(ruleId, settings))),
    'review.addSource': ({ rule, ...source }) =>
      announcing(({ source: added }) => ({ reason: 'sources', sourceId: added.id }), () => ctx.review.addSourceWithRule(source, 'default', rule)),
    'review.removeSource': ({ sourceId }) =>
      announcing({ reason: 'sources', sourceId }, () => naming('sourceId', async () => ({ removed: (repo.source(sourceId), repo.removeSource(sourceId)) }))),
    'review.watchSource': ({ sourceId, watching }) => announcing({ reason: 'sources', sourceId }, () => naming('sourceId', async () => repo.setWatching(sourceId, watching))),
    'incidents.export': ({ itemId, outDir }) => naming('itemId', () => exportIncident(ctx.store, repo, itemId, outDir ?? join(ctx.dataDir, 'incidents'), ctx.version)),
  };
}
