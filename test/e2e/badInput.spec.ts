import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
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
let counter: string;
let avi: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-bad-'));
  counter = join(dir, 'counter.mp4');
  makeCounterClip(counter, { frames: 60, fps: 25 });
  // MPEG-4 Part 2 in AVI: Chromium plays neither, so the player needs an H.264 proxy.
  avi = join(dir, 'camera.avi');
  makeCounterClip(avi, { frames: 60, fps: 25, codec: 'mpeg4' });
  host = await startServe(join(dir, 'bad.db'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the web host answers 401 without the token and 400 naming the field for a payload the contract refuses', async ({ playwright }) => {
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const anonymous = await playwright.request.newContext();
  expect((await anonymous.post(`${host.origin}/api/call/library.list`, { data: {} })).status()).toBe(401);
  expect((await anonymous.get(`${host.origin}/media/thumb/1`)).status()).toBe(401);
  expect((await anonymous.get(`${host.origin}/media/proxy/1`)).status()).toBe(401);
  const authed = await playwright.request.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const bad = await authed.post(`${host.origin}/api/call/runs.segments`, { data: { runId: 1, maxSegments: 0 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'maxSegments' });
  const noPath = await authed.post(`${host.origin}/api/call/library.locate`, { data: { id: 1 } });
  expect(noPath.status()).toBe(400);
  expect((await noPath.json()).error.message).toContain('"path"');
  await anonymous.dispose();
  await authed.dispose();
});

test('a moved file shows as missing and can be located again; a different file is refused', async ({ page }) => {
  const review = new ReviewPage(page);
  const original = join(dir, 'moved.mp4');
  copyFileSync(counter, original);
  await page.goto(host.url);
  await review.addByPath(original);
  const row = page.getByRole('row', { name: /moved\.mp4/ });
  await expect(row).toBeVisible();
  const elsewhere = join(dir, 'moved elsewhere.mp4');
  renameSync(original, elsewhere);
  await page.reload();
  await expect(row.getByText('missing: moved or deleted')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open moved.mp4' })).toBeDisabled();

  await row.getByRole('button', { name: 'Locate moved.mp4' }).click();
  await row.getByLabel('New path of moved.mp4').fill(avi);
  await row.getByRole('button', { name: 'Locate', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('is not the same video as moved.mp4');

  await row.getByLabel('New path of moved.mp4').fill(elsewhere);
  await row.getByRole('button', { name: 'Locate', exact: true }).click();
  const located = page.getByRole('row', { name: /moved elsewhere\.mp4/ });
  await expect(located).toBeVisible();
  await expect(located.getByText('missing: moved or deleted')).toHaveCount(0);
  await review.open('moved elsewhere.mp4');
});

test('a video Chromium cannot play gets an H.264 proxy, frame for frame', async ({ page }) => {
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.addByPath(avi);
  await review.open('camera.avi');
  await expect(review.video()).toHaveAttribute('src', /\/media\/proxy\/\d+\?exp=\d+&sig=/);
  await review.press('Home', 0);
  expect(await review.frameInPicture()).toBe(0);
  await review.press('ArrowRight', 1);
  expect(await review.frameInPicture()).toBe(1);
  await review.press('Shift+ArrowRight', 26);
  expect(await review.frameInPicture()).toBe(26);
  await review.press('End', 59);
  expect(await review.frameInPicture()).toBe(59);
});

test('a run that failed says why on its timeline track', async ({ page }, testInfo) => {
  const review = new ReviewPage(page);
  const doomed = join(dir, 'doomed.mp4');
  copyFileSync(counter, doomed);
  await page.goto(host.url);
  await review.addByPath(doomed);
  await review.open('doomed.mp4');
  unlinkSync(doomed); // gone between opening and analysing
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  const track = page.getByTestId('track').first();
  await expect(track).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByRole('note')).toContainText(/Failed: .*doomed\.mp4/);
  await expect(page.getByRole('note')).not.toContainText(/\bat .*\.js:\d+/); // words, not a stack trace
  expect(await review.video().evaluate((v: PageVideo) => v.readyState)).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: testInfo.outputPath('failed-run.png') });
});

test('? shows the keyboard shortcuts, Escape closes them', async ({ page }) => {
  await page.goto(host.url);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('One frame back / forward');
  await expect(help).toContainText('J / K / L');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('ground truth imported from a labels file shows as an annotation track; a bad file is refused naming the field', async ({ page }) => {
  const review = new ReviewPage(page);
  const video = join(dir, 'sample.mp4');
  copyFileSync(SAMPLE, video);
  const labels = join(dir, 'bad.labels.json');
  writeFileSync(labels, JSON.stringify({ segments: [{ label: 'walk', startFrame: 10, endFrame: 5 }] }));
  await page.goto(host.url);
  await review.addByPath(video);
  await review.open('sample.mp4');
  const importBox = page.getByLabel('Path of a labels file to import');
  await importBox.fill(labels);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('"segments.0.endFrame" must be after startFrame');
  await expect(page.getByTestId('annotation-track')).toHaveCount(0);

  await importBox.fill(SAMPLE.replace(/\.mp4$/, '.labels.json'));
  await page.getByRole('button', { name: 'Import' }).click();
  const track = page.getByTestId('annotation-track');
  await expect(track).toContainText('figures-sequence-320x240.labels');
  await expect(track).toHaveAttribute('data-segments', '9');
});
