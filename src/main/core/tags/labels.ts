import type { TrackLabel } from '../../../shared/tagging/types.js';
import { PALETTE } from '../../../shared/timeline/colors.js';

/** A label set for names found elsewhere (an imported file, a model's proposal): palette colours, digits 1–9 as hotkeys. */
export function defaultLabels(names: readonly string[]): TrackLabel[] {
  return names.map((name, i) => ({ name, color: PALETTE[i % PALETTE.length]!, hotkey: i < 9 ? String(i + 1) : null, mode: 'toggle', fixedSec: 2, leadSec: 0, lagSec: 0 }));
}
