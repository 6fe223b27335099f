import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JobSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import type { AlertRule, AlertRuleSettings, ReviewSource } from '../../../shared/review.js';
import { alertRuleSettingsSchema, reviewSourceSchema } from '../../../shared/review-schema.js';
import type { AnalysisService } from '../analysis/index.js';
import type { ModelRegistry } from '../models/index.js';
import type { Store } from '../store/index.js';
import { recomputeItemsForRun, recomputeSource } from './recompute.js';
import { ReviewRepository } from './review-store.js';
import { thresholdImpact, type ThresholdImpact } from './threshold-impact.js';

/** Turns a zod failure into the one-line error the rest of the app gives, naming the field. */
function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new AppError('INVALID_ARGUMENT', `${what}: ${field || 'value'} ${issue.message}.`, { field: field || undefined });
}

/**
 * The review queue's core: sources and their rules, items recomputed whenever an analysis job of a
 * source's model completes on one of its videos.
 */
export class ReviewService {
  readonly repo: ReviewRepository;

  constructor(
    private readonly store: Store,
    private readonly models: ModelRegistry,
    private readonly analysis: AnalysisService,
    onJob: (listener: (job: JobSummary) => void) => () => void,
    private readonly onItemsChanged: (runId: number, count: number) => void = () => {},
  ) {
    this.repo = new ReviewRepository(store.db);
    this.stop = onJob((job) => {
      if (job.state === 'completed' && job.runId !== null) this.recomputeRun(job.runId);
    });
  }

  readonly stop: () => void;

  recomputeRun(runId: number): number {
    const count = recomputeItemsForRun(this.store, this.repo, runId);
    if (count > 0) this.onItemsChanged(runId, count);
    return count;
  }

  async addSource(input: unknown): Promise<ReviewSource> {
    const source = parseOrThrow(reviewSourceSchema, input, 'Source');
    const path = resolve(source.path);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) throw new AppError('INVALID_ARGUMENT', `Source "${source.name}": ${path} is not a folder.`, { field: 'path', file: path });
    const existing = this.repo.sources();
    const sameName = existing.find((s) => s.name === source.name);
    if (sameName) throw new AppError('INVALID_ARGUMENT', `Source "${source.name}": a source of that name exists already (${sameName.path}).`, { field: 'name' });
    const samePath = existing.find((s) => s.path === path);
    if (samePath) throw new AppError('INVALID_ARGUMENT', `Source "${source.name}": ${path} is source "${samePath.name}" already.`, { field: 'path', file: path });
    for (const [i, id] of source.modelIds.entries()) {
      await this.models.get(id).catch((error: unknown) => {
        throw new AppError('NOT_FOUND', `Source "${source.name}": ${(error as Error).message}`, { field: `modelIds.${i}`, cause: error });
      });
    }
    return this.repo.addSource({ ...source, path });
  }

  /** A source and its first rule together: a rule refused removes the source again (no source without its rule). */
  async addSourceWithRule(input: unknown, ruleName: string, settings: unknown): Promise<{ source: ReviewSource; rule: AlertRule }> {
    const source = await this.addSource(input);
    try {
      return { source, rule: this.addRule(source.id, ruleName, settings) };
    } catch (error) {
      this.repo.removeSource(source.id);
      throw error;
    }
  }

  addRule(sourceId: number, name: string, settings: unknown): AlertRule {
    const parsed = parseOrThrow(alertRuleSettingsSchema, settings, `Rule "${name}"`);
    const rule = this.repo.addRule(this.repo.source(sourceId).id, name, parsed);
    recomputeSource(this.store, this.repo, this.repo.source(sourceId));
    return rule;
  }

  updateRule(ruleId: number, settings: unknown): AlertRule {
    const rule = this.repo.updateRule(ruleId, parseOrThrow(alertRuleSettingsSchema, settings, `Rule ${ruleId}`));
    recomputeSource(this.store, this.repo, this.repo.source(rule.sourceId));
    return rule;
  }

  /** What a different confidence threshold would have done to the rule's past items and kept false alarms. */
  impact(ruleId: number, minConfidence: number): ThresholdImpact {
    this.repo.rule(ruleId);
    return thresholdImpact(this.repo.itemScores(ruleId), this.repo.falseAlarms(ruleId), minConfidence);
  }

  /**
   * Queues analysis of the given videos with the source's models at its stride (following growing
   * files). `skipDone`: videos a model has already analysed this way get no job (a restarted app
   * scanning its folders again would otherwise queue a reused run per file and model).
   */
  async analyse(source: ReviewSource, videoIds: number[], followIdleSec?: number, { skipDone = false } = {}): Promise<JobSummary[]> {
    if (videoIds.length === 0) return [];
    const options = { sampling: { stride: source.stride, windowStride: source.stride }, followIdleSec };
    if (!skipDone) return this.analysis.start({ videoIds, modelIds: source.modelIds, options });
    const jobs: JobSummary[] = [];
    for (const modelId of source.modelIds) {
      const todo: number[] = [];
      for (const videoId of videoIds) if (!(await this.analysis.isDone(videoId, modelId, options))) todo.push(videoId);
      if (todo.length > 0) jobs.push(...(await this.analysis.start({ videoIds: todo, modelIds: [modelId], options })));
    }
    return jobs;
  }

  settingsOf(ruleId: number): AlertRuleSettings {
    const { id: _id, sourceId: _s, name: _n, createdAt: _c, ...settings } = this.repo.rule(ruleId);
    return settings;
  }
}
