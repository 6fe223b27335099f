/**
 * The code window's arithmetic (Sportscode-style buttons): a toggle button opens an instance at
 * the press (minus its lead) and closes it at the next press (plus its lag); a fixed button makes
 * one instance of `fixedSec` starting `leadSec` before the press. Frames are clamped to the video.
 */
import type { TrackLabel } from './types.js';

export interface InstanceFrames {
  startFrame: number;
  endFrame: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Where an instance opened at `pressFrame` starts. */
export function openFrame(label: TrackLabel, pressFrame: number, fps: number): number {
  return Math.max(0, Math.round(pressFrame - label.leadSec * fps));
}

/** A toggle instance opened at `openedAt` (see openFrame) and closed at `pressFrame`; at least one frame. */
export function closeInstance(label: TrackLabel, openedAt: number, pressFrame: number, fps: number, frameCount: number): InstanceFrames {
  const startFrame = clamp(Math.min(openedAt, pressFrame), 0, Math.max(0, frameCount - 1));
  const endFrame = clamp(Math.round(Math.max(openedAt, pressFrame) + 1 + label.lagSec * fps), startFrame + 1, frameCount);
  return { startFrame, endFrame };
}

/** A fixed-length instance for a press at `pressFrame`. */
export function fixedInstance(label: TrackLabel, pressFrame: number, fps: number, frameCount: number): InstanceFrames {
  const startFrame = clamp(openFrame(label, pressFrame, fps), 0, Math.max(0, frameCount - 1));
  const endFrame = clamp(startFrame + Math.max(1, Math.round(label.fixedSec * fps)), startFrame + 1, frameCount);
  return { startFrame, endFrame };
}

/** Keys the review screen already uses (player J/K/L, timeline 0 = fit), or the tagging editor does: a label's hotkey cannot be one of them. */
export const RESERVED_KEYS = new Set(['0', 'j', 'k', 'l', 'a', 'r', 't', 'n', 'p', 's', 'm', 'e', 'x', 'u', 'z', 'y', 'g']);
