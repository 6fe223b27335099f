/**
 * Watch folders from the review screen, in Chromium against the real web host (`actionlens serve`,
 * fixture ONNX model, real ffmpeg): a source added in the UI is watched; a recording moved into its
 * folder is analysed and its items appear with the unreviewed count, live (review.changed events,
 * no reload); a triage updates the count; a folder gone is shown on the source; the watch toggle is
 * stored.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

const MODELS = resolve(import.meta.dirname, '../fixtures/models');
let dir: string;
let host: RunningHost;

/** An MPEG-TS recording written beside the folder, an hour old, then moved in at once (as a recorder finishing a file). */
function record(folder: string, name: string, seconds: number): void {
  const staged = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-f', 'mpegts', '-y', staged]);
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(staged, hourAgo, hourAgo);
  renameSync(staged, join(folder, name));
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  dir = mkdtempSync(join(tmpdir(), 'actionlens-sources-'));
  process.env.ACTIONLENS_MODEL_PATH = MODELS;
  host = await startServe(join(dir, 'sources.db'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('add a watched source in the UI; a recording moved in shows its items and the unreviewed count live; errors and the toggle on the source', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const folder = join(dir, 'cams', 'driveway');
  mkdirSync(folder, { recursive: true });
  await page.goto(host.url);
  const badge = page.getByTestId('unreviewed-count');
  await expect(badge).toHaveText('0');
  await page.getByRole('button', { name: /^Review/ }).click();

  await page.getByRole('button', { name: 'Add source…' }).click();
  await page.getByLabel('Source folder').fill(folder);
  await page.getByLabel('Source name').fill('driveway');
  await page.getByLabel('Source models').selectOption(['test-frame']);
  await page.getByLabel('Source stride').fill('2');
  await page.getByLabel('Alert threshold').fill('0');
  await page.getByRole('button', { name: 'Add source', exact: true }).click();
  const source = page.getByTestId('review-source');
  await expect(source).toHaveCount(1);
  await expect(source).toContainText('driveway');
  await expect(source.getByLabel('Watch driveway')).toBeChecked();

  // No reload from here on: the items and the count arrive by events.
  record(folder, 'rec-0001.ts', 4);
  const list = page.getByTestId('review-list');
  await expect(list.locator('.review-row[data-item-id]').first()).toBeVisible({ timeout: 90_000 });
  await expect(badge).not.toHaveText('0');
  const unreviewed = Number(await badge.textContent());
  await expect(page.getByTestId('review-total')).toContainText(`${unreviewed} unreviewed`);
  await page.screenshot({ path: testInfo.outputPath('source-items.png') });

  await page.keyboard.press('r');
  await expect(badge).toHaveText(String(unreviewed - 1));

  // Nothing polls: with nothing happening, the page asks for no items for seconds on end.
  const asked: string[] = [];
  page.on('request', (request) => /\/api\/call\/review\.(items|counts|sources)$/.test(request.url()) && asked.push(request.url()));
  await page.waitForTimeout(7000);
  expect(asked).toEqual([]);

  // A second recording: more items, live.
  record(folder, 'rec-0002.ts', 3);
  await expect.poll(async () => Number(await badge.textContent()), { timeout: 90_000 }).toBeGreaterThan(unreviewed - 1);

  // The folder gone: the source says so; back: the message goes.
  renameSync(folder, `${folder}-moved`);
  await expect(source.getByTestId('source-error')).toHaveText(`The folder ${folder} does not exist.`, { timeout: 20_000 });
  renameSync(`${folder}-moved`, folder);
  await expect(source.getByTestId('source-error')).toHaveCount(0, { timeout: 20_000 });

  // The watch toggle is stored.
  await source.getByLabel('Watch driveway').click();
  await expect(source.getByLabel('Watch driveway')).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId('review-source').getByLabel('Watch driveway')).not.toBeChecked();
});
