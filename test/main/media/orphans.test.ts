/**
 * Every ffmpeg dies with the process that started it, also after kill -9 (see [Note: parent-death
 * watchdog] in src/main/core/media/jobs.ts), and the partial proxy a killed app leaves behind is
 * removed at the next start. Real processes, killed for real, checked in /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleParts } from '../../../src/main/core/media/proxy.js';
import { REPO_ROOT, makeClip, tmpDir } from '../../helpers/clips.js';
import { analyzeAndKill, descendantsOf, waitGone } from '../../helpers/kill-resume.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

let dir: string;
const started: ChildProcess[] = [];
beforeAll(() => {
  dir = tmpDir('orphans');
});
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
});

function parts(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.part.mp4')) : [];
}

describe.skipIf(process.platform !== 'linux')('kill -9 of the parent', () => {
  it('during a proxy encode: no ffmpeg survives, and the next start removes the partial proxy', { timeout: 120_000 }, async () => {
    // MPEG-4 Part 2 in AVI: Chromium cannot play it, so it gets an H.264 proxy (a long encode).
    const video = await makeClip({ dir, name: 'needs proxy.avi', seconds: 40, fps: '25', width: 640, height: 480, codec: 'mpeg4' });
    const dataDir = path.join(dir, 'data');
    const script = path.join(dir, 'encode-proxy.mts');
    writeFileSync(
      script,
      `import { ProxyMaker } from ${JSON.stringify(path.join(REPO_ROOT, 'src/main/core/media/proxy.ts'))};
import { probeVideo } from ${JSON.stringify(path.join(REPO_ROOT, 'src/main/core/media/probe.ts'))};
const file = ${JSON.stringify(video)};
const probe = await probeVideo(file);
new ProxyMaker(${JSON.stringify(dataDir)}, () => undefined).playback({ id: 1, path: file, fingerprint: 'f'.repeat(64), probe });
setInterval(() => undefined, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: 'ignore' });
    started.push(child);
    const proxies = path.join(dataDir, 'proxies');
    for (let waited = 0; (parts(proxies).length === 0 || statSync(path.join(proxies, parts(proxies)[0]!)).size === 0) && waited < 60_000; waited += 50) await delay(50);
    expect(parts(proxies)).toHaveLength(1);
    const descendants = descendantsOf(child.pid!);
    expect(descendants.map((p) => p.name)).toContain('ffmpeg');

    child.kill('SIGKILL');
    expect(await waitGone(descendants, 3000)).toEqual([]);
    const part = path.join(proxies, parts(proxies)[0]!);
    const size = statSync(part).size;
    await delay(500);
    expect(statSync(part).size).toBe(size); // nobody writes it any more

    expect(removeStaleParts(proxies)).toEqual([path.basename(part)]);
    expect(parts(proxies)).toEqual([]);
  });

  it('during `analyze --follow` of a growing recording: its ffmpeg goes at once, not after the idle timeout', { timeout: 120_000 }, async () => {
    const recording = path.join(dir, 'recording.ts');
    // A recording written in real time for a minute, as a camera would.
    const writer = spawn('ffmpeg', ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '60', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', '-y', recording], { stdio: 'ignore' });
    started.push(writer);
    for (let waited = 0; (!existsSync(recording) || statSync(recording).size < 20_000) && waited < 30_000; waited += 50) await delay(50);
    const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
    const outcome = await analyzeAndKill(path.join(dir, 'follow.db'), ['analyze', recording, '--model', 'test-frame', '--follow', '30', '--provider', 'cpu'], env, { chunks: 1 });
    expect(outcome.killed).toBe(true);
    expect(outcome.children.map((p) => p.name)).toContain('ffmpeg');
    expect(await waitGone(outcome.children, 3000)).toEqual([]);
    writer.kill('SIGKILL');
  });
});
