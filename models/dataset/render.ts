/** Draws a planned item's frames: backdrop through the camera, distractors, figure, camera effects. */
import { BackdropSampler, drawDistractors, type CameraFrame } from './compose.js';
import { drawFigure } from './figure.js';
import { frameTime } from './format.js';
import { figureDraw, type ItemPlan } from './item-plan.js';
import { blur121, finishFrame, lightingLut, scaledNoise } from './post.js';
import { createImage, type Image } from './raster.js';
import { deriveSeed } from './rng.js';

export class ItemRenderer {
  private readonly canvas: Image;
  private readonly scratch: Uint8Array;
  private readonly sampler: BackdropSampler;
  private readonly lut = new Int16Array(768);
  private readonly noise: Int16Array | null;

  constructor(private readonly plan: ItemPlan) {
    this.canvas = createImage(plan.width, plan.height);
    this.scratch = new Uint8Array(this.canvas.data.length);
    this.sampler = new BackdropSampler(plan.backdrop, plan.width);
    this.noise = scaledNoise(plan.noiseSigma);
  }

  get frameBytes(): number {
    return this.canvas.data.length;
  }

  /** Renders frame i (frames are independent: any order gives the same pixels) into `out`. */
  render(i: number, out: Uint8Array): void {
    const { plan, canvas } = this;
    const cam = plan.placement.cameras[i] as CameraFrame;
    const t = frameTime(plan.fps, i);
    this.sampler.draw(canvas, cam);
    drawDistractors(canvas, plan.distractors, cam, t, plan.width, plan.height);
    drawFigure(canvas, figureDraw(plan, i));
    for (let b = 0; b < plan.blur; b++) blur121(canvas.data, this.scratch, plan.width, plan.height);
    lightingLut(plan.lighting(t), this.lut);
    const clamped = new Uint8ClampedArray(out.buffer, out.byteOffset, canvas.data.length);
    finishFrame(canvas.data, clamped, this.lut, this.noise, deriveSeed(plan.spec.seed, 'noise', i));
  }
}
