/**
 * A tagging session in Chromium against the real web host: a track with a code window, instances
 * made by hotkey while the video plays, trimmed, relabelled and undone by key; a run's proposals
 * accepted and rejected by key; the track exported as ELAN .eaf (checked against what the screen shows);
 * a playlist played and cut into a clip that ffprobe/ffmpeg decode (frame count, first frame's burnt-in index).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { BIT_WIDTH, BITS, decodeBars, makeCounterClip } from './clips.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/actionlens.mjs');
let dir: string;
let host: RunningHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-tagging-'));
  const db = join(dir, 'tagging.db');
  makeCounterClip(join(dir, 'match.mp4'), { frames: 250, fps: 25 });
  execFileSync(process.execPath, [BIN, '--db', db, 'library', 'add', join(dir, 'match.mp4')], { encoding: 'utf8' });
  // A run to take proposals from: synthetic probabilities through the core's own post-processing.
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'syntheticRun.ts'), db, '1', 'cnn-lstm', '3'], { cwd: ROOT, encoding: 'utf8' });
  host = await startServe(db);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type SegmentView = { label: string; start: number; end: number };
async function segments(page: Page): Promise<SegmentView[]> {
  return page.getByTestId('tag-segment').evaluateAll((nodes) =>
    nodes.map((n) => ({ label: n.getAttribute('data-label')!, start: Number(n.getAttribute('data-start')), end: Number(n.getAttribute('data-end')) })).sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label)),
  );
}
/** Takes focus off a field or button, so keys go to the shortcuts (the page's own types stay out of this Node project). */
const blur = (page: Page) => page.locator(':focus').evaluateAll((nodes) => nodes.forEach((n) => (n as unknown as { blur(): void }).blur()));

test('tag while playing, trim, relabel, undo by key; accept and reject proposals by key; export .eaf; play a playlist and cut a clip', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.open('match.mp4');

  await page.getByLabel('New track name').fill('Analyst');
  await page.getByRole('button', { name: 'New track' }).click();
  await expect(page.getByRole('button', { name: /pass/ })).toBeVisible();
  await blur(page);

  // Make an instance with the hotkey while the video plays: it is on the lane while open.
  await page.keyboard.press(' ');
  await expect.poll(() => review.video().evaluate((v) => !(v as unknown as { paused: boolean }).paused)).toBe(true);
  await page.keyboard.press('1');
  await expect(page.getByTestId('open-instance')).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: testInfo.outputPath('open-instance.png') });
  await page.keyboard.press('1');
  await expect(page.getByTestId('tag-segment')).toHaveCount(1);
  await page.keyboard.press('k');
  const [made] = await segments(page);
  expect(made!.label).toBe('pass');
  expect(made!.end - made!.start).toBeGreaterThanOrEqual(10); // about 0.8 s at 25 fps

  // Trim: the new segment is selected with its end edge; nudge it two frames later, then relabel.
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await expect.poll(async () => (await segments(page))[0]!.end).toBe(made!.end + 2);
  await page.keyboard.press('Shift+Digit2');
  await expect.poll(async () => (await segments(page))[0]!.label).toBe('shot');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await segments(page))[0]).toEqual({ ...made!, end: made!.end + 2 });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await segments(page))[0]).toEqual({ ...made!, end: made!.end + 1 });
  await page.keyboard.press('Control+y');
  await expect.poll(async () => (await segments(page))[0]).toEqual({ ...made!, end: made!.end + 2 });

  // Proposals of the run: accept the first, reject the second, each with one key.
  await page.getByLabel('Proposals from run').selectOption({ index: 1 });
  const current = page.getByTestId('proposal-current');
  await expect(current).toContainText('1/');
  const first = await page.getByTestId('proposal').first().getAttribute('title');
  await blur(page);
  await page.keyboard.press('a');
  await expect(current).toContainText('2/');
  await page.keyboard.press('r');
  await expect(current).toContainText('3/');
  await expect(page.locator('.tag-proposal.decided')).toHaveCount(2);
  await expect(page.locator('.tag-proposal.decided.reject')).toHaveCount(1);
  const after = await segments(page);
  expect(after).toHaveLength(2);
  const accepted = after.find((s) => s.label !== 'pass' || s.end !== made!.end + 2)!;
  // Titles show frames inclusive (first–last), data-end is end-exclusive: see [Note: frame ranges] in shared/format.ts.
  expect(first).toContain(`${accepted.label} ${accepted.start}–${accepted.end - 1}`);
  await page.screenshot({ path: testInfo.outputPath('tagging.png') });

  // Export the track as ELAN .eaf: one tier, one annotation per segment, times in ms.
  await page.getByLabel('Export format').selectOption('eaf');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('match.Analyst.eaf');
  const file = join(dir, 'export.eaf');
  await download.saveAs(file);
  const eaf = readFileSync(file, 'utf8');
  expect(eaf).toContain('FORMAT="3.0"');
  expect(eaf).toContain('<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="Analyst">');
  expect(eaf.match(/<ALIGNABLE_ANNOTATION /g)).toHaveLength(2);
  for (const s of after) {
    expect(eaf).toContain(`TIME_VALUE="${s.start * 40}"`);
    expect(eaf).toContain(`TIME_VALUE="${s.end * 40}"`);
    expect(eaf).toContain(`<ANNOTATION_VALUE>${s.label}</ANNOTATION_VALUE>`);
  }

  // Playlist of the 'pass' instances: play it (it stops at the item's end), then cut it into a clip.
  const pass = after.find((s) => s.label === 'pass')!;
  await page.locator('.playlist .chip', { hasText: 'pass' }).getByRole('checkbox').check();
  await expect(page.getByTestId('playlist-count')).toHaveText(`${after.filter((s) => s.label === 'pass').length} items`);
  await page.getByRole('button', { name: 'Start playlist' }).click();
  // It played from the item's start and paused at its end (the last item: nothing to advance to).
  await expect
    .poll(async () => (await review.video().evaluate((v) => (v as unknown as { paused: boolean }).paused)) && Number(await review.frameNumber().textContent()) === pass.end - 1, { timeout: 30_000 })
    .toBe(true);
  const clipsDir = join(dir, 'clips');
  await page.getByLabel('Clips folder').fill(clipsDir);
  await page.getByRole('button', { name: 'Export clips' }).click();
  await expect(page.getByTestId('clip-results')).toContainText(join(clipsDir, 'pass_'));
  await page.screenshot({ path: testInfo.outputPath('clips.png') });
  const clip = join(clipsDir, readdirSync(clipsDir).find((f) => f.startsWith('pass_'))!);
  const frames = Number(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', clip], { encoding: 'utf8' }));
  expect(frames).toBe(pass.end - pass.start);
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', clip, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1 << 24 });
  expect(decodeBars(rgba, BITS * BIT_WIDTH)).toBe(pass.start);

  // Reload: every edit was stored at once.
  await page.reload();
  await review.waitForVideo();
  await expect.poll(() => segments(page)).toEqual(after);

  // The exported .eaf imported back from the UI: a new track with the same segments.
  await page.getByLabel('Tracks file to import').fill(file);
  await page.getByRole('button', { name: 'Load tracks' }).click();
  await expect(page.getByLabel('Active track')).toHaveValue(/\d+/);
  await expect(page.getByLabel('Active track').locator('option:checked')).toHaveText(`Analyst (2) (${after.length})`);
  await expect.poll(() => segments(page)).toEqual(after);
});

test('side by side: a second player linked at chosen frames steps with the main one', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 1300 });
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.open('match.mp4');
  await page.getByRole('button', { name: 'Side by side' }).click();
  const dual = page.getByTestId('side-by-side');
  const secondFrame = dual.getByTestId('frame-number');
  const mainFrame = page.locator('.player-column').getByTestId('frame-number');
  await expect.poll(() => dual.getByTestId('video').evaluate((v) => (v as unknown as { readyState: number }).readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  for (let i = 1; i <= 5; i++) {
    await dual.getByRole('button', { name: 'Next frame' }).click();
    await expect(secondFrame).toHaveText(String(i));
  }
  await expect(mainFrame).toHaveText('0');
  await dual.getByRole('button', { name: 'Link at these frames' }).click();
  await expect(dual.getByTestId('link-offset')).toHaveText('linked: +5 frames');
  await blur(page);
  for (let i = 1; i <= 3; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(mainFrame).toHaveText(String(i));
    await expect(secondFrame).toHaveText(String(i + 5));
  }
  await page.keyboard.press('ArrowLeft');
  await expect(secondFrame).toHaveText('7');
  await page.screenshot({ path: testInfo.outputPath('side-by-side.png'), fullPage: true });
});
