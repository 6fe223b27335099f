/** One dataset item: plan it, render and encode its MP4, write its JSON beside it. */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startH264 } from './encode.js';
import { itemLabels, planItem, JOINT_NAMES, type ItemPlan, type ItemSpec } from './item-plan.js';
import { ItemRenderer } from './render.js';

export interface ItemResult {
  /** Item JSON path relative to the dataset folder. */
  json: string;
  frames: number;
  pixels: number;
  renderMs: number;
  totalMs: number;
}

/** Paths relative to the dataset folder, '/'-separated on every platform. */
export function itemPaths(spec: ItemSpec): { mp4: string; json: string } {
  const dir = `${spec.split}/${spec.kind === 'clip' ? 'clips' : 'sequences'}`;
  return { mp4: `${dir}/${spec.id}.mp4`, json: `${dir}/${spec.id}.json` };
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The item's description of its scene: what varied, for analysis and curricula. */
function sceneOf(plan: ItemPlan): Record<string, unknown> {
  const pl = plan.placement;
  const light = plan.lighting(0);
  return {
    background: plan.backdrop.kind,
    floor: plan.backdrop.floor,
    distractors: plan.distractors.length,
    facing: plan.facing === 1 ? 'right' : 'left',
    viewAngleDeg: r3((plan.yaw * 180) / Math.PI),
    figureHeight: r3(pl.figureHeight),
    figure: { hair: plan.look.hair, bulk: r3(plan.body.bulk) },
    camera: { motion: pl.mode, zoom: r3(pl.zoom), panPixels: r3(pl.panPixels), shakePixels: r3(pl.shakePixels) },
    lighting: { brightness: r3(light.brightness), contrast: r3(light.contrast) },
    noiseSigma: r3(plan.noiseSigma),
    blur: plan.blur,
    actions: plan.timeline.segments.map((s) => ({
      label: s.label,
      startFrame: s.startFrame,
      ...Object.fromEntries(Object.entries(s.motion.params).map(([k, v]) => [k, typeof v === 'number' ? r3(v) : v])),
    })),
  };
}

/** The item JSON (key order fixed: files are compared byte for byte). */
export function itemJson(plan: ItemPlan): string {
  const { spec } = plan;
  const labels = itemLabels(plan);
  const doc = {
    id: spec.id,
    split: spec.split,
    kind: spec.kind,
    file: itemPaths(spec).mp4,
    seed: spec.seed,
    fps: plan.fps.label,
    width: plan.width,
    height: plan.height,
    frameCount: plan.timeline.frameCount,
    crf: plan.crf,
    ...(spec.kind === 'clip' ? { label: spec.label } : {}),
    frameLabels: labels.frameLabels,
    segments: plan.timeline.segments.map((s) => ({ label: s.label, startFrame: s.startFrame, endFrame: s.endFrame })),
    figureBoxes: labels.figureBoxes,
    joints: labels.joints,
    jointNames: JOINT_NAMES,
    scene: sceneOf(plan),
  };
  return `${JSON.stringify(doc)}\n`;
}

/** Renders, encodes and describes one item under `outDir`. The MP4 appears only when complete. */
export async function generateItem(spec: ItemSpec, outDir: string, ffmpeg: string): Promise<ItemResult> {
  const started = performance.now();
  const plan = planItem(spec);
  const paths = itemPaths(spec);
  const mp4 = path.join(outDir, paths.mp4);
  const partial = `${mp4}.part`;
  const renderer = new ItemRenderer(plan);
  const sink = startH264(ffmpeg, { file: partial, width: plan.width, height: plan.height, fps: plan.fps, crf: plan.crf });
  let renderMs = 0;
  try {
    for (let i = 0; i < plan.timeline.frameCount; i++) {
      const t0 = performance.now();
      // A fresh buffer per frame: the pipe may still hold the previous one.
      const frame = Buffer.allocUnsafe(renderer.frameBytes);
      renderer.render(i, frame);
      renderMs += performance.now() - t0;
      await sink.write(frame);
    }
    await sink.close();
  } catch (error) {
    sink.kill();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, mp4);
  await writeFile(path.join(outDir, paths.json), itemJson(plan));
  return { json: paths.json, frames: plan.timeline.frameCount, pixels: plan.width * plan.height, renderMs, totalMs: performance.now() - started };
}
