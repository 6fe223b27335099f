import { useEffect, useState } from 'react';
import type { Client } from '../api/client.js';

const BLOCK = 256;

export interface FrameProbs {
  labels: string[];
  /** The current frame's probabilities (one per class), or null when not (yet) analysed. */
  probs: Float32Array | null;
}

interface Block {
  labels: string[];
  classCount: number;
  probs: Float32Array;
  frames: number;
}

/**
 * The selected run's probabilities for the frame on screen. Fetched per block of 256 frames at
 * full resolution and kept, so playback and stepping read from memory, not one call per frame.
 */
export function useFrameProbs(client: Client, runId: number | null, frame: number, framesDone: number): FrameProbs {
  const [cache, setCache] = useState<Map<string, Block>>(new Map());
  const block = Math.floor(frame / BLOCK);
  const key = `${runId}:${block}`;
  const entry = runId === null ? undefined : cache.get(key);
  // A block fetched while the run was still writing it is fetched again once more frames exist.
  const stale = entry !== undefined && entry.frames < BLOCK && framesDone > block * BLOCK + entry.frames;
  const wanted = runId !== null && (!entry || stale) && framesDone > block * BLOCK;

  useEffect(() => {
    if (!wanted || runId === null) return;
    let active = true;
    const startFrame = block * BLOCK;
    const endFrame = Math.min(startFrame + BLOCK, framesDone);
    void client.api['runs.probabilities']({ runId, startFrame, endFrame, points: BLOCK }).then(
      (series) => {
        if (!active) return;
        const value: Block = { labels: series.labels, classCount: series.labels.length, probs: Float32Array.from(series.probs), frames: series.frames.length };
        setCache((map) => {
          const next = new Map(map).set(key, value);
          if (next.size > 64) next.delete(next.keys().next().value as string);
          return next;
        });
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, runId, block, key, wanted, framesDone]);

  if (!entry) return { labels: [], probs: null };
  const offset = frame - block * BLOCK;
  if (offset >= entry.frames) return { labels: entry.labels, probs: null };
  return { labels: entry.labels, probs: entry.probs.subarray(offset * entry.classCount, (offset + 1) * entry.classCount) };
}

/** The k most probable classes, best first. */
export function topK(probs: Float32Array, labels: readonly string[], k: number): { classIndex: number; label: string; p: number }[] {
  const order = Array.from(probs.keys()).sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0));
  return order.slice(0, k).map((c) => ({ classIndex: c, label: labels[c] ?? `class ${c}`, p: probs[c] ?? 0 }));
}
