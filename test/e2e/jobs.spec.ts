/**
 * The Jobs view in Chromium against the real web host (`actionlens serve`, its core in a host
 * process, fixture ONNX model, real ffmpeg): three videos × one model queued; one paused from its
 * row, the others from a selection, one cancelled, the rest resumed from the selection; all live
 * from events, ending completed with the paused run resumed where it stopped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { JobSummary } from '../../src/shared/engine.js';
import { chromiumMissingReason } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

const MODELS = resolve(import.meta.dirname, '../fixtures/models');
let dir: string;
let host: RunningHost;
let api: APIRequestContext;

async function call<R>(name: string, data: unknown): Promise<R> {
  const response = await api.post(`${host.origin}/api/call/${name}`, { data });
  const outcome = (await response.json()) as { ok: boolean; value: R; error?: { message: string } };
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error?.message}`);
  return outcome.value;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'actionlens-jobs-'));
  const clips = [0, 1, 2].map((i) => {
    const file = join(dir, `camera-${i}.mp4`);
    // Long enough (about 15,000 frames) that a job is still running when the test pauses it: an idle
    // machine labels this clip with the fixture model at about 2,000 frames/s.
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', String(600 + i), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-y', file]);
    return file;
  });
  process.env.ACTIONLENS_MODEL_PATH = MODELS;
  host = await startServe(join(dir, 'jobs.db'));
  const token = new URL(host.url).searchParams.get('token') ?? '';
  api = await playwright.request.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const added = await call<{ added: { id: number }[] }>('library.add', { paths: clips });
  await call('analysis.start', { videoIds: added.added.map((v) => v.id), modelIds: ['test-recurrent'], provider: 'cpu' });
});

test.afterAll(async () => {
  await api?.dispose();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('pause one job from its row, pause and resume a selection, cancel one: live, and the paused run resumes where it stopped', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await expect(page.getByTestId('active-jobs')).toHaveText('3');
  await page.getByRole('button', { name: /^Jobs/ }).click();
  const rows = page.getByTestId('job-row');
  await expect(rows).toHaveCount(3);
  // Newest first: the first job queued is the last row, and it runs.
  const first = rows.nth(2);
  await expect(first).toHaveAttribute('data-state', 'running');
  await expect(first.getByTestId('job-frames')).not.toHaveText(/^0 /, { timeout: 30_000 });

  await first.getByRole('button', { name: /^Pause / }).click();
  await expect(first).toHaveAttribute('data-state', 'paused');
  const pausedFrames = Number((await first.getByTestId('job-frames').textContent())!.split(' ')[0]);
  expect(pausedFrames).toBeGreaterThan(0);
  // The next job starts in its place.
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'running');

  // Pause the other two as a selection (one running, one queued).
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Pause selected' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'paused');
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('job-counts')).toHaveText('0 running · 0 queued · 3 paused · 0 finished');
  // Nothing moves while everything is paused, and nothing polls: no call for the jobs list.
  const asked: string[] = [];
  page.on('request', (request) => request.url().endsWith('/api/call/analysis.jobs') && asked.push(request.url()));
  await page.waitForTimeout(2000);
  expect(asked).toEqual([]);
  await expect(first.getByTestId('job-frames')).toHaveText(new RegExp(`^${pausedFrames} `));

  await rows.nth(0).getByRole('button', { name: /^Cancel / }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'cancelled');

  await page.getByLabel('Select every job').check();
  await page.getByRole('button', { name: 'Resume selected' }).click();
  await expect(first).toHaveAttribute('data-state', 'completed', { timeout: 180_000 });
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'completed', { timeout: 180_000 });
  await expect(first).toContainText(`from frame ${pausedFrames}`);
  await expect(page.getByTestId('job-counts')).toHaveText('0 running · 0 queued · 0 paused · 3 finished');
  await expect(page.getByTestId('active-jobs')).toHaveCount(0);

  const jobs = await call<JobSummary[]>('analysis.jobs', {});
  expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'cancelled']);
  expect(jobs[0]).toMatchObject({ origin: 'resumed', resumedFromFrame: pausedFrames, framesDone: 15_000 });
});
