import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

let dir: string;
let host: RunningHost;
let clip: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-e2e-'));
  clip = join(dir, 'sprint 01.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2', '-pix_fmt', 'yuv420p', clip]);
  host = await startServe(join(dir, 'e2e.db'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the library screen lists videos added by path, and explains what it skipped', async ({ page }, testInfo) => {
  await page.goto(host.url);
  await expect(page).toHaveURL(`${host.origin}/`); // the token left the address bar
  await expect(page.getByText('No videos yet')).toBeVisible();
  // The browser host has no native dialogs, so those buttons are not offered.
  await expect(page.getByRole('button', { name: 'Add videos…' })).toHaveCount(0);

  const input = page.getByLabel('Path of a video file or folder to add');
  await input.fill(clip);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const row = page.getByRole('row', { name: /sprint 01\.mp4/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('320×240');
  await expect(row).toContainText('0:02');
  await expect(row.getByRole('cell').nth(4)).toHaveText('50');
  await expect(row.locator('img.thumb')).toHaveAttribute('src', /\/media\/thumb\/\d+\?exp=\d+&sig=/);

  await input.fill(join(dir, 'not-there.mp4'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('1 file(s) skipped')).toBeVisible();
  await page.getByText('1 file(s) skipped').click();
  await expect(page.getByText(/not-there\.mp4/).last()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('library.png'), fullPage: true });

  await page.getByRole('button', { name: 'Remove sprint 01.mp4 from library' }).click();
  await expect(page.getByText('No videos yet')).toBeVisible();
  expect(existsSync(clip)).toBe(true); // removing from the library never touches the file
});

test('a path dropped on the library is added; search and filter narrow the list', async ({ page }) => {
  await page.goto(host.url);
  const second = join(dir, 'warm up.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=1', '-pix_fmt', 'yuv420p', '-y', second]);
  // What a file manager or terminal drags: the path as text (a browser never reveals a dropped file's path).
  const data = await page.evaluateHandle((paths: string) => {
    const transfer = new (globalThis as unknown as { DataTransfer: new () => { setData(kind: string, value: string): void } }).DataTransfer();
    transfer.setData('text/plain', paths);
    return transfer;
  }, `${clip}\n${second}`);
  await page.locator('section.library').dispatchEvent('drop', { dataTransfer: data });
  await expect(page.getByRole('row', { name: /sprint 01\.mp4/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /warm up\.mp4/ })).toBeVisible();

  await page.getByLabel('Search videos').fill('warm');
  await expect(page.getByRole('row', { name: /warm up\.mp4/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /sprint 01\.mp4/ })).toHaveCount(0);
  await page.getByLabel('Search videos').fill('');
  await page.getByLabel('Filter videos').selectOption('analysed');
  await expect(page.getByText('No video matches.')).toBeVisible();
  await page.getByLabel('Filter videos').selectOption('not-analysed');
  await expect(page.getByRole('row', { name: /\.mp4/ })).toHaveCount(2);
});
