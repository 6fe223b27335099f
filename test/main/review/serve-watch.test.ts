/**
 * Watch folders in `actionlens serve` (the real CLI, its core in a host process; real ffmpeg,
 * fixture ONNX model, SQLite): a source added over HTTP and watched picks up an MPEG-TS recording
 * copied into its folder while serve runs, and its review items appear; serve stopped and started
 * again watches the source still (the state is stored) and picks up the next recording.
 */
import { copyFileSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewPage, ReviewSource } from '../../../src/shared/review.js';
import { startServe, type RunningHost } from '../../e2e/webHost.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

let dir: string;
let clip: string;
let later: string;
let renderer: string;
const hosts: RunningHost[] = [];

beforeAll(async () => {
  dir = tmpDir('serve-watch');
  clip = await makeClip({ dir, name: 'recording.ts', seconds: 4, fps: '25', width: 160, height: 120 });
  later = await makeClip({ dir, name: 'later.ts', seconds: 3, fps: '25', width: 160, height: 120 });
  renderer = path.join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

async function serve(db: string): Promise<{ call<R>(name: string, payload: unknown): Promise<R> }> {
  process.env.ACTIONLENS_MODEL_PATH = FIXTURE_MODELS_DIR; // startServe hands the test's environment to serve
  const host = await startServe(db, ['--renderer', renderer]);
  hosts.push(host);
  const token = new URL(host.url).searchParams.get('token') ?? '';
  return {
    async call<R>(name: string, payload: unknown): Promise<R> {
      const response = await fetch(`${host.origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });
      const outcome = (await response.json()) as { ok: boolean; value: R; error?: { message: string } };
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error?.message}`);
      return outcome.value;
    },
  };
}

async function itemsOf(api: Awaited<ReturnType<typeof serve>>, file: string, timeoutMs: number): Promise<ReviewPage['items']> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const page = await api.call<ReviewPage>('review.items', { limit: 1000 });
    const items = page.items.filter((item) => item.videoPath === file);
    if (items.length > 0 || Date.now() > until) return items;
    await sleep(500);
  }
}

describe.skipIf(process.platform !== 'linux')(`watched sources in actionlens serve${process.platform === 'linux' ? '' : ' (skipped: it stops serve with POSIX signals; Linux only)'}`, () => {
  it('a recording copied in while serve runs is analysed and its items appear; after a restart the next one too', { timeout: 180_000 }, async () => {
    const db = path.join(dir, 'serve.db');
    const folder = path.join(dir, 'cams', 'back-door');
    mkdirSync(folder, { recursive: true });
    const api = await serve(db);
    const { source } = await api.call<{ source: ReviewSource }>('review.addSource', { name: 'back door', path: folder, modelIds: ['test-frame'], stride: 2, rule: { minConfidence: 0, mergeGapSec: 0.5 } });
    expect(source).toMatchObject({ watching: true, watchError: null });

    // Copied as a recorder would write it: the file appears and is still new (followed until it stops growing).
    const first = path.join(folder, 'rec-0001.ts');
    copyFileSync(clip, first);
    const items = await itemsOf(api, first, 90_000);
    expect(items.length, 'no review items for the copied recording').toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ sourceName: 'back door', verdict: null });
    await hosts.pop()!.stop();

    const again = await serve(db);
    expect((await again.call<{ sources: ReviewSource[] }>('review.sources', {})).sources).toMatchObject([{ name: 'back door', watching: true }]);
    // A finished recording moved in (an hour old): analysed at once.
    const second = path.join(folder, 'rec-0002.ts');
    const staged = path.join(dir, 'staged.ts');
    copyFileSync(later, staged);
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(staged, hourAgo, hourAgo);
    renameSync(staged, second);
    expect((await itemsOf(again, second, 90_000)).length, 'no review items for the recording moved in after the restart').toBeGreaterThan(0);
  });
});
