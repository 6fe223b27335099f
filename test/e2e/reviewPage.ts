import { expect, type Page } from '@playwright/test';
import { BAR_HEIGHT, BITS, BIT_WIDTH } from './clips.js';

/** The little of the DOM the page-side functions use (the Node test project has no DOM types). */
interface PageVideo {
  readyState: number;
  currentTime: number;
  videoWidth: number;
  videoHeight: number;
  ownerDocument: { createElement(tag: 'canvas'): PageCanvas };
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d', options: { willReadFrequently: boolean }): {
    drawImage(source: PageVideo, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}
export type { PageVideo };

/** Selectors and steps of the review screen in one place. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  readonly frameNumber = () => this.page.getByTestId('frame-number');
  readonly frameTime = () => this.page.getByTestId('frame-time');
  readonly canvas = () => this.page.getByTestId('timeline-canvas');
  readonly tracks = () => this.page.getByTestId('track');
  readonly video = () => this.page.getByTestId('video');
  readonly zoomReadout = () => this.page.getByTestId('zoom-readout');

  async addByPath(path: string): Promise<void> {
    await this.page.getByLabel('Path of a video file or folder to add').fill(path);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async open(fileName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Open ${fileName}` }).click();
    await expect(this.page.getByRole('heading', { name: fileName })).toBeVisible();
    await this.waitForVideo();
  }

  async waitForVideo(): Promise<void> {
    await expect.poll(() => this.video().evaluate((v: PageVideo) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  }

  /** Presses a key and waits until the frame number shown is `expected`. */
  async press(key: string, expected: number): Promise<void> {
    await this.page.keyboard.press(key);
    await expect(this.frameNumber()).toHaveText(String(expected));
  }

  /** The frame index burnt into the picture on screen (the counter clip's bar code), read from a canvas. */
  async frameInPicture(): Promise<number> {
    return this.video().evaluate(
      (v: PageVideo, { bitWidth, bits, row }) => {
        const canvas = v.ownerDocument.createElement('canvas');
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx) throw new Error('no 2d canvas');
        ctx.drawImage(v, 0, 0);
        let value = 0;
        for (let bit = 0; bit < bits; bit++) {
          const [r = 0, g = 0, b = 0] = ctx.getImageData(bit * bitWidth + bitWidth / 2, row, 1, 1).data;
          if (0.299 * r + 0.587 * g + 0.114 * b > 128) value |= 1 << bit;
        }
        return value;
      },
      { bitWidth: BIT_WIDTH, bits: BITS, row: Math.floor(BAR_HEIGHT / 2) },
    );
  }

  /** Attributes of every timeline track, read at one instant. */
  async trackStates(): Promise<{ runId: number; status: string; segments: number }[]> {
    return this.tracks().evaluateAll((rows) =>
      rows.map((row) => ({ runId: Number(row.dataset.id), status: row.dataset.status ?? '', segments: Number(row.dataset.segments) })),
    );
  }

  /** A point inside track `index` of the canvas at fraction `fx` of its width. */
  async trackPoint(index: number, fx: number): Promise<{ x: number; y: number }> {
    const box = await this.canvas().boundingBox();
    if (!box) throw new Error('the timeline canvas is not visible');
    return { x: box.x + box.width * fx, y: box.y + 22 + 3 + index * 29 + 13 };
  }
}
