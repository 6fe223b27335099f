/**
 * The settings screen's analysis place, in Chromium against `actionlens serve` (the core hosted),
 * with a real password-protected redis-server and a real `actionlens worker`: an unreachable queue
 * is a one-line error on the setting; a good one applies to the next analysis without a restart
 * (the worker computes it), is kept across a reload, and the password never reaches the page.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { redisMissing, TestRedis } from '../helpers/redis.js';
import { chromiumMissingReason } from './chromium.js';
import { ReviewPage } from './reviewPage.js';
import { startServe, type RunningHost } from './webHost.js';

const missing = chromiumMissingReason() || redisMissing();
test.skip(Boolean(missing), missing || '');

const BIN = resolve(import.meta.dirname, '../../bin/actionlens.mjs');
const MODELS = resolve(import.meta.dirname, '../fixtures/models');
let dir: string;
let redis: TestRedis;
let worker: ChildProcess;
let host: RunningHost;
let clip: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'actionlens-place-'));
  clip = join(dir, 'yard.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip]);
  redis = new TestRedis(dir);
  await redis.start();
  process.env.ACTIONLENS_MODEL_PATH = MODELS;
  const fd = openSync(join(dir, 'worker.log'), 'a');
  worker = spawn(process.execPath, [BIN, 'worker'], { env: { ...process.env, ACTIONLENS_DATA_DIR: dir, ACTIONLENS_QUEUE: redis.url }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  host = await startServe(join(dir, 'place.db'));
});

test.afterAll(async () => {
  await host?.stop();
  if (worker?.exitCode === null) worker.kill('SIGKILL');
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('set "on workers" in the settings: a bad queue is refused in one line, a good one runs the next analysis on the worker', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const bodies: string[] = [];
  page.on('response', (response) => void response.text().then((text) => bodies.push(text), () => undefined));
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('place-status')).toHaveText('Analyses run on this machine.');

  await page.getByLabel('On workers').check();
  await page.getByLabel('Queue URL').fill('redis://127.0.0.1:1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('settings-error')).toHaveText('queueUrl: cannot use the queue at redis://127.0.0.1:1: nothing listens there (connection refused).');
  await expect(page.getByTestId('place-status')).toHaveText('Analyses run on this machine.'); // nothing changed

  await page.getByLabel('Queue URL').fill(`redis://default@127.0.0.1:${redis.port}`);
  await page.getByLabel('Password', { exact: true }).fill(redis.password);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('place-status')).toHaveText(`On workers: connected to redis://default@127.0.0.1:${redis.port}.`);
  await expect(page.getByTestId('settings-error')).toHaveCount(0);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('placeholder', 'set (type to replace)');
  await page.screenshot({ path: testInfo.outputPath('settings.png') });

  // The next analysis goes to the worker, without restarting serve.
  await page.getByRole('button', { name: 'Library' }).click();
  const review = new ReviewPage(page);
  await review.addByPath(clip);
  await review.open('yard.mp4');
  await page.getByLabel('Model').selectOption('test-frame');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await expect(page.getByTestId('track').first()).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  expect(readFileSync(join(dir, 'worker.log'), 'utf8')).toMatch(/job run-[\w-]+: .*yard\.mp4 × test-frame from frame 0/);

  // Kept across a reload; the password never reached the page.
  await page.goto(`${host.url}#/settings`);
  await page.reload();
  await expect(page.getByTestId('place-status')).toHaveText(`On workers: connected to redis://default@127.0.0.1:${redis.port}.`);
  await expect(page.getByLabel('On workers')).toBeChecked();
  expect(bodies.length).toBeGreaterThan(5);
  expect(bodies.filter((body) => body.includes(redis.password))).toEqual([]);
});
