/**
 * Skeleton action models on the review screen: the real CLI analyses a real clip of two people
 * (Kinetics "arm wrestling", ../shared/corpus) with pose-gru, which computes the pose run first;
 * the web host in Chromium then shows the run's own track and one lane per tracked person under
 * it, each with segments, and the model list says what the model was trained on.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumMissingReason } from './chromium.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const BIN = resolve(import.meta.dirname, '../../bin/actionlens.mjs');
const CLIP = resolve(import.meta.dirname, '../../../shared/corpus/kinetics-armwrestling-340x256-28fps.mp4');
const MODEL = resolve(import.meta.dirname, '../../models/pose-gru/model.onnx');

const missing = chromiumMissingReason() || (!existsSync(CLIP) && `corpus clip ${CLIP} is absent (the shared corpus lives in ../shared/corpus)`) || (!existsSync(MODEL) && `${MODEL} is absent`);
test.skip(missing !== false, missing || '');
test.describe.configure({ mode: 'serial' });

let dir: string;
let host: RunningHost | undefined;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-skeleton-'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a skeleton run from the CLI: its track, a lane per tracked person with segments, and what the model was trained on', async ({ page }) => {
  test.setTimeout(300_000);
  const clip = join(dir, 'arm wrestling.mp4');
  copyFileSync(CLIP, clip);
  const db = join(dir, 'skeleton.db');
  const out = execFileSync(process.execPath, [BIN, '--db', db, 'analyze', clip, '-m', 'pose-gru', '--provider', 'cpu'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(out).toMatch(/completed {2}arm wrestling\.mp4 × pose-gru/);

  host = await startServe(db);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const review = new ReviewPage(page);
  await page.goto(host.url);
  await review.open('arm wrestling.mp4');

  await expect(review.tracks()).toHaveCount(1);
  const lanes = page.getByTestId('person-lane');
  await expect.poll(() => lanes.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const states = await lanes.evaluateAll((rows) => rows.map((row) => ({ track: Number(row.dataset.id), segments: Number(row.dataset.segments), text: row.textContent ?? '' })));
  expect(new Set(states.map((s) => s.track)).size).toBe(states.length);
  for (const lane of states) {
    expect(lane.text).toMatch(new RegExp(`^person ${lane.track} pose-gru #\\d+ · frames \\d+–\\d+$`));
    expect(lane.segments, `person ${lane.track} has segments`).toBeGreaterThan(0);
  }
  // The lanes sit under the run's own track.
  const order = await page.locator('.track-labels > [data-testid]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
  expect(order[0]).toBe('track');
  expect(order.slice(1, 1 + states.length).every((id) => id === 'person-lane')).toBe(true);

  // What the model was trained on, beside its name in the analyse form (from its manifest and metrics.json).
  await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'Pose + GRU' })).toHaveText(/synthetic motion, checked on real footage: \d+% real-dev/);
});
