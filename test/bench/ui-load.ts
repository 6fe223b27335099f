/**
 * bench:ui's loaded case: the timeline panned while the core re-derives a 400-class run over and
 * over and an analysis runs, with the core hosted (its own process, the default) and in process
 * (`serve --in-process`), in one run. Frame times are the page's; calls go through the web host.
 */
import type { Browser } from '@playwright/test';
import { postprocessSchema } from '../../src/shared/analysis.js';
import type { AppCore } from '../../src/main/core/app.js';
import { deriveRunSegments, storeRunSegments } from '../../src/main/core/analysis/run-results.js';
import { startServe } from '../e2e/webHost.js';

const CLASSES = 400;
const FRAMES_400 = 36_000;

/** A stored 400-class run of 36,000 frames (20 minutes at 30 fps) on `videoId`, its labels on the run. */
export function storeWideRun(core: AppCore, videoId: number): number {
  const labels = Array.from({ length: CLASSES }, (_, c) => `class_${c}`);
  const { store } = core;
  const params = { postprocess: postprocessSchema.parse({}) } as never;
  const run = store.runs.create({ videoId, modelId: 'test-frame', params, paramsHash: 'bench-400', provider: 'cpu', frameCount: FRAMES_400, labels });
  store.runs.markRunning(run.id, { providerUsed: 'cpu', frameCount: FRAMES_400 });
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let start = 0; start < FRAMES_400; start += 4096) {
    const count = Math.min(4096, FRAMES_400 - start);
    const probs = new Float32Array(count * CLASSES);
    for (let f = 0; f < count; f++) {
      const action = Math.floor((start + f) / 300) % CLASSES;
      for (let c = 0; c < CLASSES; c++) probs[f * CLASSES + c] = (c === action ? 0.6 : 0.4 / CLASSES) * (0.8 + 0.4 * random());
    }
    store.transaction(() => {
      store.predictions.appendChunk(run.id, start, probs, CLASSES);
      store.runs.updateProgress(run.id, start + count);
    });
  }
  storeRunSegments(store, run.id, deriveRunSegments(store, run.id, labels, 30, FRAMES_400, postprocessSchema.parse({})));
  store.runs.markCompleted(run.id, { framesDone: FRAMES_400 });
  return run.id;
}

export interface LoadedFigures {
  mode: string;
  work: number[];
  intervals: number[];
  rederives: number[];
  /** How long the page waited for each runs.segments answer during the pan. */
  segmentCalls: number[];
  analysedFrames: number;
  /** The load's analysis job when the pan ended: its state, and its error if it failed. */
  analysisState: string;
}

/** Opens the video in a fresh page, zooms in, and pans while the load runs. */
export async function panUnderLoad(browser: Browser, database: string, fileName: string, videoId: number, wideRunId: number, inProcess: boolean, steps: number, pageScript: string): Promise<LoadedFigures> {
  const host = await startServe(database, inProcess ? ['--in-process'] : []);
  const token = new URL(host.url).searchParams.get('token')!;
  const call = async (name: string, body: unknown) => {
    const response = await fetch(`${host.origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: host.origin }, body: JSON.stringify(body) });
    return (await response.json()) as { ok: boolean; value?: unknown };
  };
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: `Open ${fileName}` }).click();
    await page.evaluate(pageScript);
    await page.locator('[data-testid=timeline-canvas]').waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('actionlens:timeline-drawn').length > 0, null, { timeout: 60_000, polling: 50 });
    await page.keyboard.press('0');
    for (let i = 0; i < 6; i++) await page.keyboard.press('+');

    const started = await call('analysis.start', { videoIds: [videoId], modelIds: ['test-frame'], provider: 'cpu' });
    if (!started.ok) throw new Error(`analysis.start failed: ${JSON.stringify(started)}`);
    const rederives: number[] = [];
    let loading = true;
    const postprocess = postprocessSchema.parse({ smoothing: { kind: 'median', windowFrames: 15 } });
    const load = (async () => {
      while (loading) {
        const t = performance.now();
        await call('runs.rederive', { runId: wideRunId, postprocess });
        rederives.push(performance.now() - t);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the analysis past its start-up
    const segmentCalls: number[] = [];
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/api/call/runs.segments')) segmentCalls.push(request.timing().responseEnd);
    });
    const timings = (await page.evaluate(`benchWheel('pan', ${steps})`)) as { work: number[]; intervals: number[] };
    loading = false;
    await load;
    const jobs = (await call('analysis.jobs', {})).value as { framesDone: number; state: string; error: { message: string } | null }[];
    const job = jobs.at(-1);
    const analysisState = job ? `${job.state}${job.error ? ` (${job.error.message})` : ''}` : 'no job';
    return { mode: inProcess ? 'core in process' : 'core hosted', ...timings, rederives, segmentCalls, analysedFrames: job?.framesDone ?? 0, analysisState };
  } finally {
    await page.close();
    await host.stop();
  }
}
