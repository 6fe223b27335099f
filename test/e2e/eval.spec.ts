/**
 * The Evaluation screen in Chromium against the real web host: a labelled set made from the sample
 * clip (nine clips cut at its ground-truth boundaries, plus the whole sequence with per-frame truth,
 * in the generated-dataset layout) is imported, the tiny test models evaluate it, a confusion cell
 * opens its clips, the compare view jumps between disagreements, and the report downloads.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'samples/figures-sequence-320x240.mp4');
const TRUTH = JSON.parse(readFileSync(join(ROOT, 'samples/figures-sequence-320x240.labels.json'), 'utf8')) as { classes: string[]; segments: { label: string; startFrame: number; endFrame: number }[] };

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

let dir: string;
let set: string;
let host: RunningHost | undefined;
const modelPathBefore = process.env.ACTIONLENS_MODEL_PATH;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-eval-e2e-'));
  set = join(dir, 'figures');
  mkdirSync(join(set, 'test/clips'), { recursive: true });
  mkdirSync(join(set, 'test/sequences'), { recursive: true });
  const items: string[] = [];
  TRUTH.segments.forEach((s, i) => {
    const file = `test/clips/c${i}.mp4`;
    const select = `select='between(n,${s.startFrame},${s.endFrame - 1})',setpts=N/25/TB`;
    execFileSync('ffmpeg', ['-v', 'error', '-i', SAMPLE, '-vf', select, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', join(set, file)]);
    const frames = s.endFrame - s.startFrame;
    writeFileSync(join(set, `test/clips/c${i}.json`), JSON.stringify({ id: `c${i}`, split: 'test', kind: 'clip', file, label: s.label, frameLabels: new Array<number>(frames).fill(TRUTH.classes.indexOf(s.label)) }));
    items.push(`test/clips/c${i}.json`);
  });
  copyFileSync(SAMPLE, join(set, 'test/sequences/figures.mp4'));
  const frameLabels = TRUTH.segments.flatMap((s) => new Array<number>(s.endFrame - s.startFrame).fill(TRUTH.classes.indexOf(s.label)));
  writeFileSync(join(set, 'test/sequences/figures.json'), JSON.stringify({ id: 'figures', split: 'test', kind: 'sequence', file: 'test/sequences/figures.mp4', frameLabels }));
  items.push('test/sequences/figures.json');
  writeFileSync(join(set, 'dataset.json'), JSON.stringify({ format: 'actionlens-dataset', version: 1, classes: TRUTH.classes, items }));
  // The tiny test models (fast, deterministic) beside the default ones; only for this host (other specs share the worker).
  process.env.ACTIONLENS_MODEL_PATH = join(ROOT, 'test/fixtures/models');
  try {
    host = await startServe(join(dir, 'eval.db'));
  } finally {
    if (modelPathBefore === undefined) delete process.env.ACTIONLENS_MODEL_PATH;
    else process.env.ACTIONLENS_MODEL_PATH = modelPathBefore;
  }
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Evaluation: import a labelled set, evaluate two models, open a confusion cell, jump between disagreements, download the report', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${host!.url}#/eval`);
  await expect(page.getByRole('heading', { name: 'Evaluation' })).toBeVisible();

  // A malformed path is refused in the core's words; then the real set is imported.
  await page.getByLabel('Dataset path').fill(join(dir, 'nowhere'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(`${join(dir, 'nowhere')} does not exist.`);
  await page.getByLabel('Dataset path').fill(set);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Datasets' })).toContainText('figures · generated · 10 items · 6 labels');
  await expect(page.getByRole('radio', { name: /figures/ })).toBeChecked();

  await page.getByRole('checkbox', { name: 'test-frame' }).check();
  await page.getByRole('checkbox', { name: 'test-clip' }).check();
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const table = page.getByRole('table', { name: 'Models and metrics' });
  await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 240_000 });
  await expect(table.locator('tbody tr').nth(1).locator('td').nth(1)).toHaveText('9'); // nine clips scored
  await expect(page.getByRole('table', { name: 'Model pairs' })).toContainText('test-frame vs test-clip');
  await page.screenshot({ path: testInfo.outputPath('eval-results.png'), fullPage: true });

  // test-clip calls every clip idle: the clap row's idle cell holds the two clap clips.
  await page.getByLabel('Model', { exact: true }).selectOption('test-clip');
  const cell = page.getByRole('button', { name: 'clap predicted as idle: 2 clips' });
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  const clips = page.getByRole('list', { name: 'Clips in the cell' }).getByRole('button');
  await expect(clips).toHaveText(['c0.mp4', 'c7.mp4']);
  await clips.first().click();
  const compare = page.getByRole('region', { name: 'Compare' });
  await expect(compare.getByRole('heading', { name: 'c0.mp4' })).toBeVisible();
  await expect(compare.locator('[data-track]')).toHaveCount(4); // truth, two models, disagreement
  await page.screenshot({ path: testInfo.outputPath('eval-confusion-clip.png'), fullPage: true });

  // The whole sequence against test-clip alone: truth and model agree on idle at 255–290 and 402–476.
  await page.getByRole('list', { name: 'Sequences' }).getByRole('button', { name: 'figures.mp4' }).click();
  await expect(compare.getByRole('heading', { name: 'figures.mp4' })).toBeVisible();
  await compare.getByRole('checkbox', { name: 'test-frame' }).uncheck();
  const position = compare.locator('.compare-position');
  await expect(position).toHaveText('Frame 0 of 744 · disagreement 1 of 3');
  await page.keyboard.press('n');
  await expect(position).toHaveText('Frame 290 of 744 · disagreement 2 of 3');
  await page.keyboard.press('n');
  await expect(position).toHaveText('Frame 476 of 744 · disagreement 3 of 3');
  await page.keyboard.press('n'); // the last one: stays
  await expect(position).toHaveText('Frame 476 of 744 · disagreement 3 of 3');
  await page.keyboard.press('p');
  await expect(position).toHaveText('Frame 290 of 744 · disagreement 2 of 3');
  await page.keyboard.press('P');
  await expect(position).toHaveText('Frame 0 of 744 · disagreement 1 of 3');
  await page.screenshot({ path: testInfo.outputPath('eval-compare.png'), fullPage: true });

  // The report downloads as one self-contained HTML file with the provenance in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('actionlens-eval-figures.html');
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('<svg');
  expect(html).toMatch(/dataset fingerprint<\/td><td>[0-9a-f]{64}/);
  expect(html).not.toMatch(/<script|src="http/);

  // The label mapping is editable: fall → kick, then removed again.
  const mapping = page.getByRole('group', { name: 'Label mapping of figures' });
  await mapping.getByLabel('Dataset label').selectOption('fall');
  await mapping.getByLabel('Model class').fill('kick');
  await mapping.getByRole('button', { name: 'Map' }).click();
  await expect(mapping.getByRole('listitem')).toHaveText(['fall → kick remove']);
  await mapping.getByRole('button', { name: 'Remove the mapping of fall' }).click();
  await expect(mapping.getByRole('listitem')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
