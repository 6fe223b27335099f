/**
 * The review queue in Chromium against the real web host: sixteen camera recordings analysed by a
 * watch pass (the CLI, fixture model), then triaged by keyboard: ten marked reviewed, one false
 * alarm, a note, two selected and marked together, one opened (its span plays with the overlay) and
 * exported (the clip checked with ffprobe).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

const BIN = resolve(import.meta.dirname, '../../bin/actionlens.mjs');
const MODELS = resolve(import.meta.dirname, '../fixtures/models');
const CLIPS = 16;
let dir: string;
let host: RunningHost;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'actionlens-queue-'));
  const camera = join(dir, 'cams', 'front');
  mkdirSync(camera, { recursive: true });
  const start = Date.now() - CLIPS * 3600_000;
  for (let i = 0; i < CLIPS; i++) {
    const file = join(camera, `rec-${String(i).padStart(2, '0')}.ts`);
    // The same picture (the fixture model labels it), lengths differing so each file is its own content.
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25`, '-t', (3 + i * 0.2).toFixed(1), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-f', 'mpegts', '-y', file]);
    const at = new Date(start + i * 3600_000);
    utimesSync(file, at, at); // one recording an hour, oldest first
  }
  process.env.ACTIONLENS_MODEL_PATH = MODELS;
  const db = join(dir, 'queue.db');
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [BIN, '--db', db, ...args]);
  await cli('sources', 'add', camera, '--name', 'front door', '--model', 'test-frame', '--stride', '2', '--min-confidence', '0', '--merge-gap', '0.3', '--pre-roll', '0.5', '--post-roll', '0.5');
  await cli('watch', '--once', '--follow', '0.5');
  host = await startServe(db);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('triage ten items by keyboard, a false alarm, a note, a multi-select; open one and export it', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  const badge = page.getByTestId('unreviewed-count');
  await expect(badge).toHaveText(/^\d+$/);
  const before = Number(await badge.textContent());
  expect(before).toBeGreaterThanOrEqual(CLIPS);
  await page.getByRole('button', { name: /^Review/ }).click();
  const list = page.getByTestId('review-list');
  await expect(list.locator('.review-row[data-item-id]').first()).toBeVisible();
  await expect(page.getByTestId('review-total')).toContainText(`${before} unreviewed`);
  // thumbnails arrive
  await expect.poll(() => list.locator('.review-thumb img').count(), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.screenshot({ path: testInfo.outputPath('queue.png') });

  // newest first
  const times = await list.locator('.review-row[data-item-id] .muted').allTextContents();
  expect(times.length).toBeGreaterThan(3);

  // J/K move, R marks reviewed and moves on: ten items
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  for (let i = 0; i < 10; i++) await page.keyboard.press('r');
  await expect(badge).toHaveText(String(before - 10), { timeout: 10_000 });
  await expect(list.locator('.review-row.done')).toHaveCount(10);
  // F: false alarm
  await page.keyboard.press('f');
  await expect(page.getByTestId('review-message')).toHaveText('1 item marked false alarm');
  // N: a note on the current item, Ctrl+Enter saves
  await page.keyboard.press('k');
  await page.keyboard.press('n');
  await page.keyboard.type('cat on the porch');
  await page.keyboard.press('Control+Enter');
  await expect(list.locator('.review-row.current .review-note')).toHaveText('“cat on the porch”');
  // X selects two, R marks both
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(list.locator('.review-row.selected')).toHaveCount(2);
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-message')).toHaveText('2 items marked reviewed');
  await expect(badge).toHaveText(String(before - 13));

  // the stored state survives a reload, and the filter shows what is left
  await page.reload();
  await expect(page.getByTestId('review-total')).toContainText(`${before - 13} unreviewed`);
  await page.getByLabel('State').selectOption('unreviewed');
  await expect(page.getByTestId('review-total')).toContainText(`${before - 13} item`);
  await page.getByLabel('State').selectOption('all');

  // hover: the preview sprite
  await list.locator('.review-row[data-item-id]').first().locator('.review-thumb').hover();
  await expect(list.locator('.review-sprite')).toHaveCount(1, { timeout: 20_000 });

  // Enter opens: the span plays (remuxed proxy of the MPEG-TS) with the labels over it
  await page.mouse.move(0, 0);
  await page.keyboard.press('Enter');
  const video = page.locator('.review-panel video');
  await expect(video).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => video.evaluate((v: { currentTime: number }) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.1);
  await expect(page.getByTestId('review-overlay')).toContainText('%');
  await page.screenshot({ path: testInfo.outputPath('opened.png') });

  // E exports the incident
  await page.keyboard.press('e');
  const result = page.getByTestId('export-result');
  await expect(result).toContainText('Exported to', { timeout: 60_000 });
  await expect(result).toContainText('clip copied without re-encoding');
  const exportedDir = /Exported to (.+) \(/.exec((await result.textContent()) ?? '')![1]!;
  const probe = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', join(exportedDir, 'clip.mp4')]).toString().trim();
  expect(probe).toBe('h264,320,180');
  expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(exportedDir, 'snapshot.png')]).toString().trim()).toBe('png');
  await page.screenshot({ path: testInfo.outputPath('exported.png') });

  // the rule editor: a threshold above every score would have removed every past item and the kept false alarm
  await page.getByLabel('Threshold of default').fill('0.9');
  await expect(page.getByTestId('rule-impact')).toHaveText(`Would remove ${before} of ${before} past items (12 reviewed) and 1 of 1 false alarms.`);
  await page.screenshot({ path: testInfo.outputPath('rule.png') });
});
