import type { LabelMapping } from '../../../../shared/datasets.js';

/** "Fall Floor", "fall-floor" and "fall_floor" name the same class. */
export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * [Note: label mapping] A dataset label L goes to the model class named mapping[L] when the
 * dataset has an explicit entry, else to the class named L; names match exactly first, then after
 * normaliseLabel. Labels that reach no class are reported and their clips left out of that
 * model's metrics (they could never be right).
 */
export function mapLabels(modelId: string, datasetLabels: readonly string[], mapping: Readonly<Record<string, string>>, classes: readonly string[]): LabelMapping {
  const exact = new Map(classes.map((c, i) => [c, i]));
  const loose = new Map<string, number>();
  classes.forEach((c, i) => {
    if (!loose.has(normaliseLabel(c))) loose.set(normaliseLabel(c), i);
  });
  const mapped: Record<string, number> = {};
  const unmapped: string[] = [];
  for (const label of datasetLabels) {
    const target = mapping[label] ?? label;
    const index = exact.get(target) ?? loose.get(normaliseLabel(target));
    if (index === undefined) unmapped.push(label);
    else mapped[label] = index;
  }
  return { modelId, mapped, unmapped };
}

/** Parses "from=to" pairs (as `datasets map` and `--map` take them). */
export function parseMappingPairs(pairs: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const from = pair.slice(0, at).trim();
    const to = pair.slice(at + 1).trim();
    if (at <= 0 || !from || !to) throw new Error(`"${pair}" is not dataset_label=model_class`);
    mapping[from] = to;
  }
  return mapping;
}
