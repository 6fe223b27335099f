import type { FrameTruth, TimeTruth } from '../../../../shared/datasets.js';

/** One item as a format parser reads it, before its file is fingerprinted. */
export interface ParsedItem {
  /** Absolute path of the video. */
  path: string;
  split: string | null;
  label: string | null;
  frames: FrameTruth[] | null;
  segments: TimeTruth[] | null;
}

/** Runs of a per-frame label sequence. */
export function runsOfLabels(labels: readonly string[]): FrameTruth[] {
  const runs: FrameTruth[] = [];
  labels.forEach((label, frame) => {
    const last = runs.at(-1);
    if (last && last.label === label) last.endFrame = frame + 1;
    else runs.push({ label, startFrame: frame, endFrame: frame + 1 });
  });
  return runs;
}

/** "train"/"training" → "train", "val"/"validation" → "val", "test"/"testing" → "test"; others kept. */
export function normaliseSplit(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'training') return 'train';
  if (lower === 'validation') return 'val';
  if (lower === 'testing') return 'test';
  return lower;
}
