import type { FrameGap } from '../store/index.js';

/** Whether a frame lies in one of the (sorted) gaps; frames are asked in increasing order. */
export function gapLookup(gaps: readonly FrameGap[]): (frame: number) => boolean {
  let at = 0;
  return (frame) => {
    while (at < gaps.length && gaps[at]!.startFrame + gaps[at]!.frameCount <= frame) at++;
    const gap = gaps[at];
    return gap !== undefined && frame >= gap.startFrame;
  };
}
