/**
 * `actionlens eval` over 330 clips × 5 models reusing stored runs: the time to match the runs and
 * compute every metric (target < 2 s) and to write the HTML, CSV and JSON reports (target < 5 s).
 * Reference measured in the same run: reading the 1,650 runs' probabilities from SQLite alone, the
 * floor any evaluation pays. Runs are synthetic but shaped like a model's (test/e2e/syntheticRun.ts);
 * the five models are the default ones in models/. Run: npm run bench:eval
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../src/main/core/app.js';
import { Datasets } from '../../src/main/core/eval/datasets/service.js';
import { evaluate } from '../../src/main/core/eval/evaluate.js';
import { writeEvalReport } from '../../src/main/core/eval/report/index.js';
import { storeSyntheticRun } from '../e2e/syntheticRun.js';

const CLIPS = 330;
const FRAMES = 75;
const MODELS = ['framewise', 'cnn-lstm', 'cnn-gru', '3d-cnn', 'two-stream'];
const TARGET_METRICS_SEC = 2;
const TARGET_REPORT_SEC = 5;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'actionlens-bench-eval-'));
  try {
    const clip = join(dir, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=25:duration=${FRAMES / 25}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', clip]);
    const core = openAppCore({ databaseFile: join(dir, 'bench.db'), version: 'bench' });
    const [probed] = (await core.library.add([clip])).added;
    const classes = (await core.models.get(MODELS[0]!)).manifest.labels;
    const rows = ['file,label'];
    console.log(`storing ${CLIPS} clips × ${MODELS.length} synthetic runs…`);
    for (let i = 0; i < CLIPS; i++) {
      const file = join(dir, `clip${String(i).padStart(3, '0')}.mp4`);
      copyFileSync(clip, file);
      // The same probe for every copy: 330 ffprobe calls would only slow the setup.
      const video = core.store.videos.upsert({ path: file, sizeBytes: probed!.sizeBytes, mtimeMs: statSync(file).mtimeMs, fingerprint: core.store.videos.get(probed!.id)!.fingerprint, probe: probed!.probe });
      for (const [m, modelId] of MODELS.entries()) await storeSyntheticRun(core, { videoId: video.id, modelId, frames: FRAMES, seed: i * 10 + m + 1, maxActionSec: 4 });
      rows.push(`${file},${classes[i % classes.length]}`);
    }
    writeFileSync(join(dir, 'set.csv'), `${rows.join('\n')}\n`);
    const datasets = new Datasets(core.store, core.models);
    await datasets.import(join(dir, 'set.csv'), { name: 'bench' });

    let started = performance.now();
    let frames = 0;
    for (const video of core.store.videos.list()) {
      for (const run of core.store.runs.listForVideo(video.id)) frames += core.store.predictions.readRange(run.id, 0, run.framesDone).frameCount;
    }
    const readSec = (performance.now() - started) / 1000;

    started = performance.now();
    const report = await evaluate(core, datasets, 'bench', { dataset: 'bench', models: MODELS, compute: false });
    const evalSec = (performance.now() - started) / 1000;
    if (report.models.some((m) => m.clips?.count !== CLIPS)) throw new Error(`expected ${CLIPS} scored clips per model: ${report.notes.join('; ')}`);

    started = performance.now();
    await writeEvalReport(report, join(dir, 'r.html'));
    await writeEvalReport(report, join(dir, 'r.csv'));
    await writeEvalReport(report, join(dir, 'r.json'));
    const reportSec = (performance.now() - started) / 1000;
    await core.close();

    console.log(`reference: reading ${frames} frames of probabilities (${MODELS.length * CLIPS} runs) from SQLite: ${readSec.toFixed(3)} s`);
    console.log(`eval (match runs + all metrics, ${MODELS.length} models, ${report.pairs.length} pairs with 2000 bootstrap resamples): ${evalSec.toFixed(3)} s = ${(evalSec / readSec).toFixed(1)}× the reference; target < ${TARGET_METRICS_SEC} s: ${evalSec < TARGET_METRICS_SEC ? 'met' : 'NOT met'}`);
    console.log(`  of which metrics after matching: ${report.timing.metricsSec.toFixed(3)} s`);
    console.log(`reports (HTML + CSV + JSON): ${reportSec.toFixed(3)} s = ${(reportSec / readSec).toFixed(1)}× the reference; target < ${TARGET_REPORT_SEC} s: ${reportSec < TARGET_REPORT_SEC ? 'met' : 'NOT met'}`);
    if (evalSec >= TARGET_METRICS_SEC || reportSec >= TARGET_REPORT_SEC) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
