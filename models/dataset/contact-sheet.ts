/**
 * contact-sheet.png: one row per class, six frames spread over a clip of that class, rendered
 * again from the item's plan (before compression), so a person can check at a glance that the
 * figures do what the labels say and the scenes vary.
 */
import { writePng } from './encode.js';
import { drawText } from './font.js';
import { planItem, type ItemSpec } from './item-plan.js';
import { createImage, fillImage, type Image } from './raster.js';
import { ItemRenderer } from './render.js';

const TILE_W = 160;
const TILE_H = 120;
const GAP = 4;
const LABEL_W = 112;
export const SHEET_COLUMNS = 6;

/** Box-filtered downscale of `src` into a tile at (ox, oy), letterboxed to keep the aspect ratio. */
function blitTile(sheet: Image, src: Image, ox: number, oy: number): void {
  const s = Math.min(TILE_W / src.width, TILE_H / src.height);
  const w = Math.max(1, Math.round(src.width * s));
  const h = Math.max(1, Math.round(src.height * s));
  const dx = ox + ((TILE_W - w) >> 1);
  const dy = oy + ((TILE_H - h) >> 1);
  for (let ty = 0; ty < h; ty++) {
    const sy0 = Math.floor((ty * src.height) / h);
    const sy1 = Math.max(sy0 + 1, Math.floor(((ty + 1) * src.height) / h));
    for (let tx = 0; tx < w; tx++) {
      const sx0 = Math.floor((tx * src.width) / w);
      const sx1 = Math.max(sx0 + 1, Math.floor(((tx + 1) * src.width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = sy0; y < sy1; y++) {
        for (let x = sx0; x < sx1; x++) {
          const i = (y * src.width + x) * 3;
          r += src.data[i] as number;
          g += src.data[i + 1] as number;
          b += src.data[i + 2] as number;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = ((dy + ty) * sheet.width + dx + tx) * 3;
      sheet.data[o] = Math.round(r / n);
      sheet.data[o + 1] = Math.round(g / n);
      sheet.data[o + 2] = Math.round(b / n);
    }
  }
}

/** Renders the sheet for these clips (one per row, labelled with the row's class) and writes it. */
export async function writeContactSheet(file: string, clips: readonly ItemSpec[], ffmpeg: string): Promise<void> {
  const sheet = createImage(LABEL_W + SHEET_COLUMNS * (TILE_W + GAP), clips.length * (TILE_H + GAP) + GAP);
  fillImage(sheet, [24, 24, 28]);
  for (const [row, spec] of clips.entries()) {
    const plan = planItem(spec);
    const renderer = new ItemRenderer(plan);
    const frame = createImage(plan.width, plan.height);
    const oy = GAP + row * (TILE_H + GAP);
    drawText(sheet, spec.label ?? spec.kind, 8, oy + TILE_H / 2 - 7, 2, [235, 235, 235]);
    drawText(sheet, spec.id, 8, oy + TILE_H / 2 + 12, 1, [150, 150, 160]);
    for (let c = 0; c < SHEET_COLUMNS; c++) {
      const index = Math.round((c * (plan.timeline.frameCount - 1)) / (SHEET_COLUMNS - 1));
      renderer.render(index, frame.data);
      blitTile(sheet, frame, LABEL_W + c * (TILE_W + GAP), oy);
    }
  }
  await writePng(ffmpeg, file, sheet.width, sheet.height, sheet.data);
}
