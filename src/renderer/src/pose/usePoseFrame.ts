import { useEffect, useState } from 'react';
import { BOX_STRIDE, decodePoses, KEYPOINT_STRIDE, type PackedPoses } from '../../../shared/pose-run.js';
import type { Client } from '../api/client.js';

const BLOCK = 512;

export interface ShownPerson {
  trackId: number;
  lost: boolean;
  box: Float32Array;
  keypoints: Float32Array;
}

/**
 * The people of the pose run on the frame on screen. Fetched per block of 512 frames (packed typed
 * arrays) and kept, so playback reads from memory, not one call per frame.
 */
export function usePoseFrame(client: Client, runId: number | null, frame: number, framesDone: number): ShownPerson[] | null {
  const [cache, setCache] = useState<Map<string, PackedPoses>>(new Map());
  const block = Math.floor(frame / BLOCK);
  const key = `${runId}:${block}`;
  const entry = runId === null ? undefined : cache.get(key);
  const stale = entry !== undefined && entry.frameCount < BLOCK && framesDone > block * BLOCK + entry.frameCount;
  const wanted = runId !== null && (!entry || stale) && framesDone > block * BLOCK;

  useEffect(() => {
    if (!wanted || runId === null) return;
    let active = true;
    const startFrame = block * BLOCK;
    void client.api['pose.frames']({ runId, startFrame, endFrame: Math.min(startFrame + BLOCK, framesDone) }).then(
      (payload) => {
        if (!active) return;
        setCache((map) => {
          const next = new Map(map).set(key, decodePoses(payload));
          if (next.size > 16) next.delete(next.keys().next().value as string);
          return next;
        });
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, runId, block, key, wanted, framesDone]);

  if (!entry || frame - entry.startFrame >= entry.frameCount) return null;
  const people: ShownPerson[] = [];
  for (let i = 0; i < entry.frames.length; i++) {
    if (entry.frames[i] !== frame) continue;
    people.push({ trackId: entry.trackIds[i]!, lost: entry.lost[i] === 1, box: entry.boxes.subarray(i * BOX_STRIDE, (i + 1) * BOX_STRIDE), keypoints: entry.keypoints.subarray(i * KEYPOINT_STRIDE, (i + 1) * KEYPOINT_STRIDE) });
  }
  return people;
}
