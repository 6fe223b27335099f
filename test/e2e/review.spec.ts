import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { makeCounterClip } from './clips.js';
import { ReviewPage, type PageVideo } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');
test.describe.configure({ mode: 'serial' });

const SAMPLE = resolve(import.meta.dirname, '../../samples/figures-sequence-320x240.mp4');
let dir: string;
let host: RunningHost;
let longSample: string;
let counter: string;
let vfrCounter: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-review-'));
  // The 30 s sample four times over: long enough (2,976 frames) to watch the run fill the timeline in.
  longSample = join(dir, 'figures x4.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-stream_loop', '3', '-i', SAMPLE, '-c', 'copy', '-y', longSample]);
  counter = join(dir, 'counter.mp4');
  makeCounterClip(counter, { frames: 100, fps: 25 });
  vfrCounter = join(dir, 'counter vfr.mp4');
  makeCounterClip(vfrCounter, { frames: 100, fps: 25, vfr: true });
  host = await startServe(join(dir, 'review.db'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('analyse a video: segments fill the timeline while the run goes; click, step, zoom, re-smooth', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.addByPath(longSample);
  const row = page.getByRole('row', { name: /figures x4\.mp4/ });
  await expect(row).toContainText('320×240');
  await expect(row).toContainText('1:59');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2976');
  await expect.poll(() => row.locator('img.thumb').evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(192);
  await page.screenshot({ path: testInfo.outputPath('library.png') });

  await review.open('figures x4.mp4');
  await expect(page.getByLabel('Model')).toHaveValue('pose-stgcn'); // the default model is preselected
  // cnn-lstm for this run: at its pace the timeline visibly fills in while it runs.
  await page.getByLabel('Model').selectOption('cnn-lstm');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await expect(page.getByTestId('job')).toBeVisible();
  // At one instant: the run is still running and its track already holds segments.
  await expect
    .poll(async () => (await review.trackStates()).some((t) => t.status === 'running' && t.segments > 0), { timeout: 60_000, intervals: [100] })
    .toBe(true);
  await expect(page.getByTestId('track').first()).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('job')).toHaveCount(0);
  const completed = (await review.trackStates())[0]!;
  expect(completed.segments).toBeGreaterThan(3);

  // Click a segment: the player goes to its first frame.
  const point = await review.trackPoint(0, 0.3);
  await page.mouse.move(point.x, point.y);
  const tooltip = page.getByTestId('segment-tooltip');
  await expect(tooltip).toBeVisible();
  const startFrame = Number(await tooltip.getAttribute('data-start-frame'));
  await page.mouse.click(point.x, point.y);
  await expect(review.frameNumber()).toHaveText(String(startFrame));
  await expect.poll(() => review.video().evaluate((v: PageVideo) => Math.floor(v.currentTime * 25))).toBe(startFrame);
  const seconds = startFrame / 25;
  await expect(review.frameTime()).toContainText(`${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(3).padStart(6, '0')}`);

  // Step with the keyboard.
  await review.press('ArrowRight', startFrame + 1);
  await review.press('ArrowRight', startFrame + 2);
  await review.press('Shift+ArrowRight', startFrame + 27);
  await review.press('ArrowLeft', startFrame + 26);
  await review.press('Shift+ArrowLeft', startFrame + 1);
  await expect(page.getByTestId('overlay').locator('li')).toHaveCount(3);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: testInfo.outputPath('video-view.png') });

  // Zoom to single frames around the playhead.
  for (let i = 0; i < 12; i++) await page.keyboard.press('+');
  await expect(review.zoomReadout()).toContainText('single frames');
  const visible = Number(await review.zoomReadout().getAttribute('data-visible-frames'));
  expect(visible).toBeLessThanOrEqual(80);
  await page.getByTestId('timeline-canvas').screenshot({ path: testInfo.outputPath('timeline-zoomed.png') });
  await page.keyboard.press('0');
  await expect(review.zoomReadout()).toHaveAttribute('data-visible-frames', String(2976));

  // Re-smoothing re-derives the segments from the stored probabilities at once.
  await page.getByLabel('Re-smooth', { exact: true }).selectOption('none');
  await expect(page.getByText(/Preview: \d+ segments/)).toBeVisible();
  await expect.poll(async () => (await review.trackStates())[0]!.segments).not.toBe(completed.segments);
  const unsmoothed = (await review.trackStates())[0]!.segments;
  await page.getByLabel('Re-smooth', { exact: true }).selectOption('moving-average');
  await page.getByLabel('Re-smooth window').fill('61');
  await expect.poll(async () => (await review.trackStates())[0]!.segments).toBeLessThan(unsmoothed);
  await page.screenshot({ path: testInfo.outputPath('resmoothed.png') });

  // Keep: a second run with these options, made from the stored probabilities (no model run);
  // it becomes the selected run, and the overlay switches to it.
  const resmoothed = (await review.trackStates())[0]!.segments;
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(review.tracks()).toHaveCount(2);
  await expect(review.tracks().nth(1)).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(review.tracks().nth(1)).toHaveAttribute('data-segments', String(resmoothed));
  await expect(page.getByTestId('overlay')).toContainText('cnn-lstm #2');
  await page.getByRole('button', { name: 'Select run 1 (cnn-lstm)' }).click();
  await expect(page.getByTestId('overlay')).toContainText('cnn-lstm #1');
  await page.getByRole('checkbox', { name: 'Show run 2 on the timeline' }).uncheck();
  await expect(review.tracks()).toHaveCount(1);
});

test('an analysis can be cancelled from its progress; the run says so on its track', async ({ page }) => {
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.open('figures x4.mp4');
  await page.getByLabel('Model').selectOption('3d-cnn');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  const job = page.getByTestId('job');
  await expect(job).toContainText(/\d+ \/ 2976 frames/);
  await page.getByRole('button', { name: 'Cancel the 3d-cnn analysis' }).click();
  await expect(job).toHaveCount(0);
  await expect(page.locator('[data-testid=track][data-status=cancelled]')).toHaveCount(1);
});

test('the frame number shown is the frame in the picture (decoder frame index), stepping by frame and by second', async ({ page }) => {
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.addByPath(counter);
  await review.open('counter.mp4');
  await review.press('Home', 0);
  expect(await review.frameInPicture()).toBe(0);
  for (let f = 1; f <= 5; f++) {
    await review.press('ArrowRight', f);
    expect(await review.frameInPicture()).toBe(f);
  }
  await review.press('Shift+ArrowRight', 30);
  expect(await review.frameInPicture()).toBe(30);
  await review.press('ArrowLeft', 29);
  expect(await review.frameInPicture()).toBe(29);
  await review.press('End', 99);
  expect(await review.frameInPicture()).toBe(99);
  await review.press('ArrowRight', 99); // no frame after the last
  // Speeds: ] and [ step through 0.1× to 4×; L plays, L again plays faster, K pauses.
  await page.keyboard.press('Home');
  const speed = page.getByLabel('Playback speed');
  await page.keyboard.press(']');
  await expect(speed).toHaveValue('1.5');
  for (let i = 0; i < 6; i++) await page.keyboard.press('[');
  await expect(speed).toHaveValue('0.1');
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(speed).toHaveValue('1');
  await page.keyboard.press('l');
  await expect(speed).toHaveValue('1.5');
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(async () => Number(await review.frameNumber().textContent()) === (await review.frameInPicture())).toBe(true);
  // Play, pause: whatever frame playback stopped on, the number names the picture.
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await page.waitForTimeout(600);
  await page.keyboard.press('k');
  await expect.poll(async () => Number(await review.frameNumber().textContent()) === (await review.frameInPicture())).toBe(true);
  expect(Number(await review.frameNumber().textContent())).toBeGreaterThan(0);
});

test('on a variable-frame-rate video the frame number still names the picture, across the rate change', async ({ page }) => {
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.addByPath(vfrCounter);
  await review.open('counter vfr.mp4');
  await review.press('Home', 0);
  for (const [key, frame] of [['ArrowRight', 1], ['Shift+ArrowRight', 26], ['Shift+ArrowRight', 50], ['ArrowRight', 51], ['Shift+ArrowRight', 63], ['ArrowLeft', 62]] as const) {
    await review.press(key, frame);
    expect(await review.frameInPicture()).toBe(frame);
  }
  // Frames 50 on last 80 ms: frame 62 starts at 50 × 40 ms + 12 × 80 ms.
  await expect(review.frameTime()).toHaveText('0:02.960');
  await review.press('End', 99);
  expect(await review.frameInPicture()).toBe(99);
});
