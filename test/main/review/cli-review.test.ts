/**
 * The review queue from the command line, on real files: a source with its rule, one watch pass
 * analysing an MPEG-TS recording with the fixture model, the items listed, and an incident exported
 * (clip checked with ffprobe, snapshot PNG, segments CSV, provenance JSON).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewPage } from '../../../src/shared/review.js';
import { resolveBinaries } from '../../../src/main/core/media/index.js';
import { makeClip, REPO_ROOT, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');

describe('actionlens sources / watch / review / incidents', () => {
  let dir: string;
  let db: string;
  const cli = (...args: string[]) =>
    run(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR } }).catch(
      (error: { code: number; stdout: string; stderr: string }) => ({ ...error, failed: true }),
    );
  const ffprobe = async (file: string, entries: string) =>
    (await run(resolveBinaries().ffprobe.path, ['-v', 'error', '-show_entries', entries, '-of', 'csv=p=0', file])).stdout.trim();

  beforeAll(async () => {
    dir = tmpDir('cli-review');
    db = path.join(dir, 'review.db');
    mkdirSync(path.join(dir, 'cams', 'front'), { recursive: true });
    await makeClip({ dir: path.join(dir, 'cams', 'front'), name: 'rec-0001.ts', seconds: 6, fps: '25', width: 160, height: 120, audio: true });
  });

  it('refuses bad sources and items in one line naming the problem', async () => {
    const missing = await cli('sources', 'add', path.join(dir, 'nope'), '--model', 'test-frame');
    expect(missing).toMatchObject({ failed: true });
    expect(missing.stderr).toBe(`actionlens: Source "nope": ${path.join(dir, 'nope')} is not a folder.\n`);
    const window = await cli('sources', 'add', path.join(dir, 'cams', 'front'), '--model', 'test-frame', '--window', '25:00-06:00');
    expect(window.stderr).toMatch(/^actionlens: Rule "default": windows\.0\.start must be a time of day HH:MM[^\n]*\n$/);
    expect((await cli('sources', 'list')).stdout).toMatch(/^No sources yet/); // the refused rule left no source behind
    const model = await cli('sources', 'add', path.join(dir, 'cams', 'front'), '--model', 'no-such-model');
    expect(model.stderr.split('\n')).toHaveLength(2);
    expect(model.stderr).toMatch(/no-such-model/);
    expect((await cli('incidents', 'export', '999', '--out', dir)).stderr).toBe('actionlens: No review item 999.\n');
  });

  it('a watch pass analyses the recording, items are listed, an incident is exported', async () => {
    const added = await cli('sources', 'add', path.join(dir, 'cams', 'front'), '--name', 'front', '--model', 'test-frame', '--stride', '2', '--min-confidence', '0', '--merge-gap', '0.2', '--pre-roll', '0.5', '--post-roll', '0.5');
    expect(added.stdout).toMatch(/^added source \d+ "front"/);
    expect((await cli('sources', 'list')).stdout).toMatch(/front .* models test-frame {2}stride 2 {2}default: every class ≥ 0/);

    const watched = await cli('watch', '--once', '--follow', '1');
    expect(watched.stdout).toMatch(/completed: rec-0001\.ts \(test-frame\)/);
    const page = JSON.parse((await cli('--json', 'review', 'list')).stdout) as ReviewPage;
    expect(page.total).toBeGreaterThan(0);
    const item = page.items.reduce((best, i) => (i.endSec - i.startSec > best.endSec - best.startSec ? i : best));

    const out = path.join(dir, 'out');
    const exported = JSON.parse((await cli('--json', 'incidents', 'export', String(item.id), '--out', out)).stdout) as { dir: string; clip: string; clipMode: string; clipStartSec: number; snapshot: string; segmentsCsv: string; provenance: string };
    expect(exported.dir).toBe(path.join(out, `incident-${item.id}`));
    expect(exported.clipMode).toBe('copy');
    expect(await ffprobe(exported.clip, 'stream=codec_name')).toBe('h264\naac');
    const duration = Number(await ffprobe(exported.clip, 'format=duration'));
    // a stream copy starts at the keyframe at or before the item (x264 ultrafast: one every 250 frames, so 0 here)
    // (the file's clock starts with its audio, 23 ms before the first video frame)
    expect(exported.clipStartSec).toBeLessThan(0.05);
    expect(duration).toBeGreaterThan(item.endSec - exported.clipStartSec - 0.1);
    expect(duration).toBeLessThan(item.endSec - exported.clipStartSec + 0.1);
    expect(await ffprobe(exported.snapshot, 'stream=codec_name,width,height')).toBe('png,160,120');
    const csv = readFileSync(exported.segmentsCsv, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('label,class_index,start_frame,end_frame,start_sec,end_sec,confidence,matches_rule');
    expect(csv.length).toBeGreaterThanOrEqual(item.segmentCount + 1);
    const provenance = JSON.parse(readFileSync(exported.provenance, 'utf8')) as { model: { id: string; version: string; sha256: string }; run: { params: { sampling: { stride: number } } }; source: { name: string }; file: { path: string } };
    expect(provenance.model).toMatchObject({ id: 'test-frame', version: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(provenance.run.params.sampling.stride).toBe(2);
    expect(provenance.source.name).toBe('front');
    expect(provenance.file.path).toBe(path.join(dir, 'cams', 'front', 'rec-0001.ts'));

    expect((await cli('sources', 'remove', 'front')).stdout).toMatch(/^removed source \d+ "front"/);
    expect((await cli('review', 'list')).stdout).toBe('0 item(s), 0 unreviewed\n');
  });
}, 120_000);
