import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  await expect(row.locator('img.thumb')).toHaveAttribute('src', /\/media\/thumb\/\d+$/);

  await input.fill(join(dir, 'not-there.mp4'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('1 file(s) skipped')).toBeVisible();
  await page.getByText('1 file(s) skipped').click();
  await expect(page.getByText(/not-there\.mp4/).last()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('library.png'), fullPage: true });

  await page.getByRole('button', { name: 'Remove sprint 01.mp4 from library' }).click();
  await expect(page.getByText('No videos yet')).toBeVisible();
});
