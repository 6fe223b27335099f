import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { ModelsPage } from './modelsPage.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/actionlens.mjs');
const PYTHON = process.env.ACTIONLENS_PYTHON ?? '/usr/bin/python3';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

let dir: string;
let host: RunningHost | undefined;

/**
 * A real 400-class model (the MMAction2 TSM stand-in with Kinetics-400 labels, imported with its
 * preset) and a run of it stored with synthetic probabilities: the stand-in's random weights give
 * every class about 1/400 everywhere, which would leave nothing on the timeline to look at.
 */
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-k400-'));
  const exported = join(dir, 'export', 'tsm_k400');
  const standin = spawnSync(PYTHON, [join(ROOT, 'models/export/mmaction2_standin.py'), '--kind', '2d', '--segments', '8', '--out', exported], { encoding: 'utf8' });
  test.skip(standin.status !== 0, `cannot export the 400-class stand-in model with ${PYTHON} (torch and onnx needed): ${(standin.stderr || String(standin.error)).trim().split('\n').pop()}`);
  const db = join(dir, 'k400.db');
  // The database's folder is the data folder, so the import lands where syntheticRun.ts and the host look.
  const cli = (...args: string[]) => execFileSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, ACTIONLENS_DATA_DIR: dir } });
  cli('models', 'add', join(exported, 'model.onnx'), '--preset', 'mmaction2-2d');
  const clip = join(dir, 'one minute.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=60', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', clip]);
  cli('library', 'add', clip);
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'syntheticRun.ts'), db, '1', 'tsm_k400', '7'], { cwd: ROOT, encoding: 'utf8' });
  host = await startServe(db);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('400 classes: top-5 overlay, a searchable legend, distinct colours for the classes present, 12 heat rows', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const review = new ReviewPage(page);
  await page.goto(host!.url);
  await review.open('one minute.mp4');
  await expect(review.tracks().first()).toHaveAttribute('data-status', 'completed');
  await expect.poll(async () => (await review.trackStates())[0]!.segments).toBeGreaterThan(12);

  const overlay = page.getByTestId('overlay').locator('li');
  await expect(overlay).toHaveCount(5);
  const shared = page.getByTestId('overlay');
  await expect(shared).toContainText('tsm_k400');

  const legend = page.locator('[aria-label="Legend"]');
  const search = page.getByLabel('Search the legend');
  await expect(search).toBeVisible();
  const items = page.locator('.legend li');
  const count = await items.count();
  expect(count).toBeGreaterThan(12);
  const swatches = await page.locator('.legend li i').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { style: { background: string } }).style.background));
  expect(new Set(swatches).size).toBe(count); // every class on screen has its own colour
  const first = (await items.first().textContent()) ?? '';
  await search.fill(first.slice(0, 6));
  await expect(items.filter({ hasText: first })).toHaveCount(1);
  expect(await items.count()).toBeLessThan(count);
  await search.fill('no such class at all');
  await expect(legend).toContainText('No class matches');
  await search.fill('');

  await expect(page.locator('.heat-labels div')).toHaveCount(12);
  await page.screenshot({ path: testInfo.outputPath('classes-400.png') });
});

test('400 classes on the Models screen: the preset import listed as imported, its labels searchable', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host!.url);
  const models = new ModelsPage(page);
  await models.open();
  const row = models.row('tsm_k400');
  await expect(row.locator('.badge')).toHaveText('imported');
  await expect(row).toContainText('400');
  await expect(row).toContainText('224×224');
  await models.select('tsm_k400');
  const details = models.details('tsm_k400');
  await expect(details).toContainText('input NSCHW [batch, 8, 3, 224, 224]');
  await expect(details).toContainText('short side 256, centre crop (floor)');
  const labels = details.getByRole('list', { name: 'Labels' }).locator('li');
  await expect(labels).toHaveCount(400);
  await details.getByLabel('Search the labels').fill('archery');
  await expect(labels).toHaveCount(1);
  await expect(labels.first()).toHaveText('5 archery'); // its index is its class in the output
  await details.getByLabel('Search the labels').fill('playing');
  expect(await labels.count()).toBeGreaterThan(20);
  await page.screenshot({ path: testInfo.outputPath('models-400-classes.png') });
});
