/**
 * People on the review screen: a pose run made by the real CLI on a real clip (the NTU corpus
 * clip: one man drinking), then opened in the web host in Chromium — skeleton and box over the
 * video, a row for the person, the joint-angle plot, and the skeleton toggle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const BIN = resolve(import.meta.dirname, '../../bin/actionlens.mjs');
const NTU = resolve(import.meta.dirname, '../../../shared/corpus/ntu-drink-1080p-30fps-h264.avi');

const missing = chromiumMissingReason() || (!existsSync(NTU) && `corpus clip ${NTU} is absent (the shared corpus lives in ../shared/corpus)`);
test.skip(missing !== false, missing || '');
test.describe.configure({ mode: 'serial' });

let dir: string;
let host: RunningHost | undefined;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-pose-'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Pixels of the skeleton canvas that are drawn on (alpha > 0). */
const drawnPixels = (page: Page) =>
  page.getByTestId('skeleton-overlay').evaluate((canvas: { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null }) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
    return n;
  });

test('a pose run from the CLI: skeleton and box on the video, a row for the person, the angle plot, the toggle', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  // The clip in an MP4 (same H.264 stream, copied) so that Chromium plays it without a proxy.
  const clip = join(dir, 'ntu drink.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-i', NTU, '-c', 'copy', '-y', clip]);
  const db = join(dir, 'pose.db');
  const out = execFileSync(process.execPath, [BIN, '--db', db, 'pose', clip, '--max-people', '2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(out).toMatch(/^completed {2}ntu drink\.mp4 × pose:lightning {2}run 1 \(fresh\)/);

  host = await startServe(db);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.open('ntu drink.mp4');

  const panel = page.getByRole('region', { name: 'People' });
  await expect(panel.getByLabel('Pose run')).toContainText('pose:lightning #1 · completed');
  const rows = page.getByTestId('person-track');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-track', '1');
  // Pose runs stay out of the action runs' timeline tracks.
  await expect(review.tracks()).toHaveCount(0);

  // Click the middle of the person's row: the player seeks there and draws the person on that frame.
  const row = rows.first().locator('canvas');
  const box = (await row.boundingBox())!;
  await row.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect.poll(async () => Number(await review.frameNumber().textContent()), { timeout: 10_000 }).toBeGreaterThan(40);
  const overlay = page.getByTestId('skeleton-overlay');
  await expect(overlay).toHaveAttribute('data-people', '1', { timeout: 10_000 });
  await expect.poll(() => drawnPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);

  // The angle plot: the left elbow of a man lifting a cup, in degrees at the frame on screen.
  await page.getByLabel('Joint angle').selectOption('left_elbow');
  await expect(page.getByTestId('angle-now')).toHaveText(/^\d+(\.\d)?° at frame \d+$/);
  await expect(page.getByTestId('kinematics').locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('pose-review.png') });

  // The person row follows the timeline's zoom: zoomed in around the playhead, its left edge is the view's first frame.
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const readout = await review.zoomReadout().textContent();
  const first = Number(/frames (\d+)–/.exec(readout ?? '')?.[1]);
  expect(first).toBeGreaterThan(10);
  await row.click({ position: { x: 2, y: box.height / 2 } });
  await expect.poll(async () => Math.abs(Number(await review.frameNumber().textContent()) - first), { timeout: 10_000 }).toBeLessThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath('pose-review-zoomed.png') });

  // Off: nothing drawn over the video; on again: the skeleton is back.
  await page.getByTestId('skeleton-toggle').uncheck();
  await expect(overlay).toHaveCount(0);
  await page.getByTestId('skeleton-toggle').check();
  await expect.poll(() => drawnPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
});

test('Find people on a video without a pose run: the run is made in the background, its (empty) people panel appears, Delete removes it', async ({ page }) => {
  test.setTimeout(120_000);
  const clip = join(dir, 'pattern.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-y', clip]);
  const review = new ReviewPage(page);
  await page.goto(host!.url);
  await review.addByPath(clip);
  await review.open('pattern.mp4');
  const panel = page.getByRole('region', { name: 'People' });
  await panel.getByRole('button', { name: 'Find people' }).click();
  await expect(panel.getByLabel('Pose run')).toContainText(/pose:lightning #\d+ · completed/, { timeout: 60_000 });
  await expect(panel).toContainText('No person found on the stored frames.');
  await expect(page.getByTestId('person-track')).toHaveCount(0);
  // Deleted (after the confirmation), the panel offers to find people again.
  page.once('dialog', (dialog) => void dialog.accept());
  await panel.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('button', { name: 'Find people' })).toBeVisible();
});
