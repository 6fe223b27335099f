import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { ModelsPage } from './modelsPage.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/actionlens.mjs');
const FIXTURE = join(ROOT, 'test/fixtures/models/test-frame');

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

let dir: string;
let host: RunningHost | undefined;
let modelPath: string;
let manifestPath: string;
let truncatedPath: string;

/**
 * The tiny frame-classifier fixture, copied with its manifest under another id (`e2e-frame`) so it
 * collides with nothing, plus a truncated copy of its ONNX file; and a clip in the library so the
 * analysis form can be watched picking the new model up.
 */
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-models-e2e-'));
  const source = join(dir, 'my model');
  mkdirSync(source);
  modelPath = join(source, 'model.onnx');
  copyFileSync(join(FIXTURE, 'model.onnx'), modelPath);
  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifestPath = join(source, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, id: 'e2e-frame', name: 'E2E frame model (imported in the UI)' }, null, 2));
  truncatedPath = join(dir, 'truncated.onnx');
  writeFileSync(truncatedPath, readFileSync(modelPath).subarray(0, 4000));

  const db = join(dir, 'models.db');
  const clip = join(dir, 'walk.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', clip]);
  execFileSync(process.execPath, [BIN, '--db', db, 'library', 'add', clip], { encoding: 'utf8' });
  host = await startServe(db);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Models screen: a refused import says why, a real import is listed and offered for analysis, removed, and kept once it has runs', async ({ page, context }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // A second tab on the review screen: its analysis form must follow models.changed without a reload.
  const reviewTab = await context.newPage();
  await reviewTab.goto(host!.url);
  const review = new ReviewPage(reviewTab);
  await review.open('walk.mp4');
  const modelOption = reviewTab.getByLabel('Model', { exact: true }).locator('option[value="e2e-frame"]');
  await expect(reviewTab.getByLabel('Model', { exact: true }).locator('option[value="cnn-lstm"]')).toHaveCount(1);
  await expect(modelOption).toHaveCount(0);

  await page.goto(host!.url);
  const models = new ModelsPage(page);
  await models.open();
  await expect(models.row('cnn-lstm').locator('.badge')).toHaveText('default');
  await expect(models.row('e2e-frame')).toHaveCount(0);

  // Refused: the file is cut short. The message is the core's, naming the file and what is wrong.
  await models.importWithManifest(truncatedPath, manifestPath);
  await expect(models.importError()).toContainText(`Not imported: ${truncatedPath}: the ONNX file is truncated: graph at byte 19 declares`);
  expect(await models.stageStates()).toEqual(['failed', 'pending', 'pending', 'pending']);
  await expect(models.modelPathInput()).toHaveAttribute('aria-invalid', 'true');
  await expect(models.row('e2e-frame')).toHaveCount(0);

  // Refused: a preset whose input and classes the graph does not have; the message says which, expected and found.
  await models.importWithPreset(modelPath, 'r3d_18', 'not-r3d');
  await expect(page.locator('.preset-doc')).toContainText('resize_size=(128, 171)'); // the preset's documented transform, quoted
  await expect(models.importError()).toContainText(`${modelPath} does not match preset r3d_18: inputs.rgb.shape: expected 5 axes (NCTHW), found 4 axes in graph input "rgb"`);
  await expect(models.importError()).toContainText('labels: expected 400 classes in output "logits" (one per label), found 11 classes.');
  expect(await models.stageStates()).toEqual(['failed', 'pending', 'pending', 'pending']);
  await page.screenshot({ path: testInfo.outputPath('models-import-refused.png') });
  await models.page.getByLabel('Model id (optional)').fill('');

  // Imported: every stage done, the report, the row, its details.
  await models.importWithManifest(modelPath, manifestPath);
  await expect(models.importReport()).toContainText('Imported e2e-frame: frame-classifier (tiny-cnn), 32×32, 11 labels.');
  await expect(models.importReport()).toContainText('Dry run: rgb [1, 3, 32, 32] → logits [1, 11]');
  expect(await models.stageStates()).toEqual(['done', 'done', 'done', 'done']);
  await expect(models.importError()).toHaveCount(0);
  const row = models.row('e2e-frame');
  await expect(row).toBeVisible();
  await expect(row.locator('.badge')).toHaveText('imported');
  await expect(row).toContainText('frame-classifier');
  await expect(row).toContainText('32×32');
  const details = models.details('e2e-frame');
  await expect(details).toContainText('E2E frame model (imported in the UI)');
  await expect(details).toContainText('rgb NCHW [N, 3, 32, 32]');
  await expect(details).toContainText(`${(readFileSync(modelPath).length / 1024).toFixed(1)} KiB`);
  await expect(details.getByRole('list', { name: 'Labels' }).locator('li')).toHaveCount(11);
  const importDir = join(dir, 'models');
  expect(readdirSync(importDir)).toHaveLength(1);
  await page.screenshot({ path: testInfo.outputPath('models-screen.png'), fullPage: true });

  await expect(modelOption).toHaveCount(1);

  // The same weights again: refused, saying where they already are.
  await models.importWithManifest(modelPath, manifestPath);
  await expect(models.importError()).toContainText('id: expected an id no model has, found "e2e-frame"');

  // A default model has no Remove; the imported one goes, with its copy, from every list.
  await models.select('cnn-lstm');
  await expect(models.details('cnn-lstm').getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await models.select('e2e-frame');
  await details.getByRole('button', { name: 'Remove model e2e-frame' }).click();
  await details.getByRole('button', { name: 'Remove e2e-frame' }).click();
  await expect(models.row('e2e-frame')).toHaveCount(0);
  await expect(modelOption).toHaveCount(0);
  expect(readdirSync(importDir)).toEqual([]);
  expect(existsSync(modelPath)).toBe(true); // the user's own file is never touched

  // Imported again and used: its stored runs keep it, and Remove says so.
  await models.importWithManifest(modelPath, manifestPath);
  await expect(models.importReport()).toContainText('Imported e2e-frame');
  await expect(modelOption).toHaveCount(1);
  await reviewTab.getByLabel('Model', { exact: true }).selectOption('e2e-frame');
  await reviewTab.getByRole('button', { name: 'Analyse', exact: true }).click();
  await expect(review.tracks().first()).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await models.select('e2e-frame');
  await details.getByRole('button', { name: 'Remove model e2e-frame' }).click();
  await details.getByRole('button', { name: 'Remove e2e-frame' }).click();
  await expect(details.getByRole('alert')).toContainText('Model "e2e-frame" cannot be removed: stored runs still use it; delete those runs first.');
  await expect(models.row('e2e-frame')).toBeVisible();
  expect(readdirSync(importDir)).toHaveLength(1);
});
