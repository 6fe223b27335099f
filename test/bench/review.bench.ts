/**
 * bench:review — footage from four cameras made by looping a real corpus clip with ffmpeg (stream
 * copy into MPEG-TS, in a temporary folder, never committed), analysed by a watch pass at the review
 * stride; then the review queue with at least 5,000 items opened and scrolled in Chromium.
 * Also times the playback proxy (a remux) of a 10-minute 720p MPEG-TS.
 * Prints: analysis throughput as a multiple of real time (goal ≥ 20×), peak RSS sampled through the
 * run (flat), time to open the queue (goal < 1 s), p95 frame interval while scrolling (goal < 16 ms)
 * next to a reference measured on the same page at the same moment.
 *
 *   npm run bench:review                 0.5 h of footage (4 × 7.5 min)
 *   npm run bench:review -- --hours 10   the full 10 h
 *   options: --stride N (default 8), --model ID (default framewise), --items N (default 5000),
 *            --renderer DIR (a renderer build to scroll, default out/renderer; repeat to compare builds
 *            in one run), --rounds N (measure each build N times, interleaved)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { ProxyProgress } from '../../src/shared/library.js';
import { openAppCore, type AppCore } from '../../src/main/core/app.js';
import { probeVideo } from '../../src/main/core/media/index.js';
import { ProxyMaker } from '../../src/main/core/media/proxy.js';
import { FolderWatcher } from '../../src/main/core/review/watcher.js';
import { startWebHost } from '../../src/main/web/server.js';
import { CHROMIUM_ARGS, chromiumMissingReason, chromiumPath } from '../e2e/chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLIP = resolve(ROOT, '../shared/corpus/kinetics-armwrestling-340x256-28fps.mp4');
const SOURCES = 4;
const FILE_MINUTES = 7.5;
const { values: args } = parseArgs({ options: { hours: { type: 'string', default: '0.5' }, stride: { type: 'string', default: '8' }, model: { type: 'string', default: 'framewise' }, items: { type: 'string', default: '5000' }, renderer: { type: 'string', multiple: true }, rounds: { type: 'string', default: '1' } } });
const hours = Number(args.hours);
const stride = Number(args.stride);
const wantedItems = Number(args.items);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? NaN;

/** Each camera's recordings: 7.5-minute MPEG-TS files of the clip looped (stream copy: seconds, not minutes). */
function makeFootage(dir: string): { folders: string[]; seconds: number } {
  const perSource = (hours * 3600) / SOURCES;
  const files = Math.max(1, Math.round(perSource / (FILE_MINUTES * 60)));
  const fileSeconds = perSource / files;
  const folders: string[] = [];
  let total = 0;
  for (let s = 0; s < SOURCES; s++) {
    const folder = join(dir, `camera-${s + 1}`);
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < files; f++) {
      // [Note: every file a few frames longer than the one before, so no two have the same content
      //  fingerprint: the engine would reuse an identical file's run instead of analysing it.]
      const length = fileSeconds + (s * files + f) * 0.2;
      execFileSync('ffmpeg', ['-v', 'error', '-stream_loop', '-1', '-i', CLIP, '-t', length.toFixed(2), '-map', '0:v:0', '-c', 'copy', '-f', 'mpegts', '-y', join(folder, `rec-${String(f).padStart(3, '0')}.ts`)]);
      total += length;
    }
    folders.push(folder);
  }
  return { folders, seconds: total };
}

/** A 10-minute 720p H.264 MPEG-TS (a 10 s lavfi clip looped by stream copy) remuxed for playback by the ProxyMaker. */
async function remuxTiming(dir: string): Promise<void> {
  const loop = join(dir, 'loop720.ts');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=10', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-f', 'mpegts', '-y', loop]);
  const file = join(dir, 'ten minutes 720p.ts');
  execFileSync('ffmpeg', ['-v', 'error', '-stream_loop', '59', '-i', loop, '-c', 'copy', '-f', 'mpegts', '-y', file]);
  const probe = await probeVideo(file);
  const started = performance.now();
  const state = await new Promise<ProxyProgress>((done) => {
    const maker = new ProxyMaker(dir, (p) => p.state !== 'running' && done(p));
    const first = maker.playback({ id: 1, path: file, fingerprint: 'remux-bench', probe });
    if (first.kind !== 'proxy') done({ videoId: 1, state: 'failed', progress: 0, reason: `no proxy needed (${first.kind})` });
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`playback proxy of a 10-minute 720p H.264 MPEG-TS: ${state.state} by ${state.mode ?? '?'} in ${seconds.toFixed(2)} s (${(probe.durationSec / seconds).toFixed(0)}× real time)${state.reason ? ` ${state.reason}` : ''}`);
}

async function main(): Promise<void> {
  if (!existsSync(CLIP)) return console.log(`bench:review skipped: no corpus clip at ${CLIP} (../shared/corpus)`);
  const dir = mkdtempSync(join(tmpdir(), 'actionlens-bench-review-'));
  try {
    await remuxTiming(dir);
    const made = performance.now();
    const { folders, seconds } = makeFootage(dir);
    console.log(`footage: ${SOURCES} cameras, ${(seconds / 3600).toFixed(2)} h of ${CLIP.split('/').pop()} looped, made in ${((performance.now() - made) / 1000).toFixed(1)} s`);
    const core = openAppCore({ databaseFile: join(dir, 'bench.db'), version: 'bench' });
    for (const [i, folder] of folders.entries()) {
      const source = await core.review.addSource({ name: `camera ${i + 1}`, path: folder, modelIds: [args.model], stride });
      core.review.addRule(source.id, 'default', { classes: [], minConfidence: 0, mergeGapSec: 2, preRollSec: 2, postRollSec: 2 });
    }
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 500);
    const started = performance.now();
    const watcher = new FolderWatcher(core.review, core.library, { followIdleSec: 1 });
    const jobs = await watcher.scanOnce();
    const done = await core.analysis.wait(jobs.map((j) => j.id));
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const failed = done.filter((j) => j.state !== 'completed');
    const byOrigin = new Map<string, number>();
    for (const job of done) byOrigin.set(job.origin ?? 'none', (byOrigin.get(job.origin ?? 'none') ?? 0) + 1);
    const origins = [...byOrigin].map(([origin, n]) => `${n} ${origin}`).join(', ');
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    const quarter = Math.max(1, Math.floor(rss.length / 4));
    console.log(`analysis (${args.model}, stride ${stride}, ${jobs.length} files: ${origins}${failed.length ? `, ${failed.length} NOT completed` : ''}): ${(seconds / wall).toFixed(1)}× real time (${seconds.toFixed(0)} s of video in ${wall.toFixed(1)} s)  goal 20×  ratio ${(seconds / wall / 20).toFixed(2)}`);
    console.log(`peak RSS ${mb(Math.max(...rss))} MiB (first quarter of the run ${mb(Math.max(...rss.slice(0, quarter)))} MiB, last quarter ${mb(Math.max(...rss.slice(-quarter)))} MiB; process.resourceUsage maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB)`);

    const real = core.review.repo.page({ limit: 0 }).total;
    // [Note: the queue needs ≥ 5,000 items; the analysed hours give fewer, so the real items are
    //  repeated an hour apart (same runs and videos) until there are enough. Said in the output.]
    const copies = Math.max(0, Math.ceil(wantedItems / Math.max(1, real)) - 1);
    if (real > 0 && copies > 0) {
      core.store.db.prepare(`WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
        INSERT INTO review_items (rule_id, source_id, video_id, run_id, start_sec, end_sec, started_at, day, score, classes_json, peak_frame, peak_sec, segment_count, people)
        SELECT rule_id, source_id, video_id, run_id, start_sec, end_sec, strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '-' || n || ' hours'), date(started_at, '-' || n || ' hours', 'localtime'),
          score, classes_json, peak_frame, peak_sec, segment_count, people FROM review_items, k`).run(copies);
    }
    const total = core.review.repo.page({ limit: 0 }).total;
    console.log(`review items: ${real} from the analysis${copies > 0 ? `, repeated to ${total}` : ''}`);

    const missing = chromiumMissingReason();
    if (missing) return console.log(`queue in Chromium skipped: ${missing}`);
    const renderers = args.renderer ?? [join(ROOT, 'out/renderer')];
    if (!args.renderer && !existsSync(join(ROOT, 'out/renderer/index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    // [Note: with several builds, each is measured in turn, `--rounds` times interleaved, so a
    //  machine whose load changes during the run weighs on every build alike.]
    const results = new Map<string, { wheel: number[]; fling: number[]; idle: number[] }>(renderers.map((r) => [r, { wheel: [], fling: [], idle: [] }]));
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const renderer of renderers) {
        const measured = await measureQueue(core, renderer, total);
        const into = results.get(renderer)!;
        into.wheel.push(measured.wheel);
        into.fling.push(measured.fling);
        into.idle.push(measured.idle);
      }
    }
    if (renderers.length > 1 || Number(args.rounds) > 1) {
      for (const [renderer, r] of results) {
        console.log(`${renderer}: median over ${r.wheel.length} round(s) of the p95 work per frame: wheel ${percentile(r.wheel, 0.5).toFixed(1)} ms, fling ${percentile(r.fling, 0.5).toFixed(1)} ms; idle reference ${percentile(r.idle, 0.5).toFixed(1)} ms`);
      }
    }
    await core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the queue in Chromium on a web host serving `rendererDir`, scrolls it, prints and returns the p95 work per frame. */
async function measureQueue(core: AppCore, rendererDir: string, total: number): Promise<{ wheel: number; fling: number; idle: number }> {
  const host = await startWebHost(core, { rendererDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('.app-header');
    const openMs = (await page.evaluate(`new Promise((done) => {
      const t0 = performance.now();
      location.hash = '#/review';
      const poll = () => (document.querySelector('.review-row[data-item-id]') ? done(performance.now() - t0) : requestAnimationFrame(poll));
      poll();
    })`)) as number;
    // Per animation frame: scroll the list by 700 px and time the work it causes (the scroll
    // event, React's render of the rows now in view, style and layout) until the page is ready
    // to paint; and the intervals between frames. Idle: the same frames doing nothing (reference).
    const frames = (what: 'scroll' | 'idle', pixels = 0) =>
      page.evaluate(`new Promise((done) => {
        const list = document.querySelector('[data-testid="review-list"]');
        const work = []; const gaps = []; let last = 0; let n = 0;
        const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
        const step = async (now) => {
          if (last) gaps.push(now - last);
          last = now;
          const t0 = performance.now();
          if (${what === 'scroll'}) {
            list.scrollTop += ${pixels};
            list.dispatchEvent(new Event('scroll'));
          }
          await nextTask();
          void document.body.offsetHeight;
          work.push(performance.now() - t0);
          if (++n < 240) requestAnimationFrame(step); else done({ work, gaps });
        };
        requestAnimationFrame(step);
      })`) as Promise<{ work: number[]; gaps: number[] }>;
    const idle = await frames('idle');
    const wheel = await frames('scroll', 200);
    const fling = await frames('scroll', 700);
    // Thumbnails wait while the list is flung ([Note: previews wait for a slow scroll]): the time
    // until every row in view shows its picture once the fling stops.
    const thumbsMs = (await page.evaluate(`new Promise((done) => {
      const t0 = performance.now();
      const list = document.querySelector('[data-testid="review-list"]').getBoundingClientRect();
      const poll = () => {
        const inView = [...document.querySelectorAll('.review-row[data-item-id]')].filter((row) => { const r = row.getBoundingClientRect(); return r.bottom > list.top && r.top < list.bottom; });
        const shown = inView.filter((row) => row.querySelector('.review-thumb img, .review-thumb .muted'));
        if (inView.length > 0 && shown.length === inView.length) done(performance.now() - t0);
        else if (performance.now() - t0 > 30000) done(NaN);
        else requestAnimationFrame(poll);
      };
      poll();
    })`)) as number;
    const rows = await page.evaluate('document.querySelectorAll(".review-row").length');
    console.log(`[${rendererDir}]`);
    console.log(`open the queue (${total} items) → first row drawn: ${openMs.toFixed(0)} ms  goal 1000 ms  ratio ${(openMs / 1000).toFixed(2)}`);
    for (const [name, run] of [['a fast wheel, 200 px per frame', wheel], ['a fling, 700 px per frame', fling]] as const) {
      const p95 = percentile(run.work, 0.95);
      console.log(`scrolling, ${name}: p95 work per frame ${p95.toFixed(1)} ms (median ${percentile(run.work, 0.5).toFixed(1)}, max ${Math.max(...run.work).toFixed(1)})  goal 16 ms  ratio ${(p95 / 16).toFixed(2)}; frame interval p95 ${percentile(run.gaps, 0.95).toFixed(1)} ms`);
    }
    console.log(`thumbnails of the rows in view, after the fling stops: ${Number.isNaN(thumbsMs) ? 'NOT all shown within 30 s' : `all shown in ${thumbsMs.toFixed(0)} ms`}`);
    console.log(`reference, same page, frames doing nothing: p95 work ${percentile(idle.work, 0.95).toFixed(1)} ms, frame interval p95 ${percentile(idle.gaps, 0.95).toFixed(1)} ms; ${String(rows)} rows in the DOM after scrolling`);
    return { wheel: percentile(wheel.work, 0.95), fling: percentile(fling.work, 0.95), idle: percentile(idle.work, 0.95) };
  } finally {
    await browser.close();
    await host.close();
  }
}

await main();
