/**
 * One contract suite run twice: against the core in this process (as the CLI runs it) and
 * against the core in a forked host process (as `actionlens serve` runs it), through the same
 * CoreConnection the web host uses. Real ffmpeg, SQLite files and ONNX fixture models.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppCore, type AppCoreOptions } from '../../../src/main/core/app.js';
import { inProcessCore, type CoreConnection } from '../../../src/main/core/host/connection.js';
import { forkNodeHost } from '../../../src/main/core/host/fork-host.js';
import { HostedCore } from '../../../src/main/core/host/hosted-core.js';
import type { EventName } from '../../../src/shared/channels.js';
import type { CallResult } from '../../../src/shared/contract.js';
import type { JobSummary } from '../../../src/shared/engine.js';
import { AppError, deserializeError } from '../../../src/shared/errors.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

type Opener = (options: AppCoreOptions) => Promise<CoreConnection>;
const openers: [string, Opener][] = [
  ['in-process core', async (options) => inProcessCore(openAppCore(options))],
  ['hosted core (child process)', (options) => HostedCore.start(forkNodeHost(), options)],
];

/** A call's value, or its error rebuilt as the AppError a shell would throw. */
async function call<R>(core: CoreConnection, name: string, payload: unknown): Promise<R> {
  const outcome = await core.call(name, payload);
  if (!outcome.ok) throw deserializeError(outcome.error);
  return outcome.value as R;
}

function jobEnd(core: CoreConnection, predicate: (job: JobSummary) => boolean): Promise<JobSummary> {
  return new Promise((resolve) => {
    const off = core.on('analysis.job', (job) => {
      if (predicate(job) && ['completed', 'failed', 'cancelled'].includes(job.state)) {
        off();
        resolve(job);
      }
    });
  });
}

/** Each opener's segments of the same analysis: they must be equal. */
const segmentsBy = new Map<string, unknown>();

describe.each(openers)('the contract against the %s', (label, open) => {
  const opened: CoreConnection[] = [];
  afterEach(async () => {
    for (const core of opened.splice(0)) await core.close();
  });
  async function setUp() {
    const dir = tmpDir('host-contract');
    const core = await open({ databaseFile: path.join(dir, 'contract.db'), version: 'test', modelDirs: [FIXTURE_MODELS_DIR], analysis: { threads: { intraOp: 1 } } });
    opened.push(core);
    const events: { name: EventName; payload: unknown }[] = [];
    for (const name of ['library.changed', 'analysis.progress'] as const) core.on(name, (payload) => events.push({ name, payload }));
    return { dir, core, events };
  }

  it('adds a video, lists it, and sends library.changed', async () => {
    const { dir, core, events } = await setUp();
    const clip = await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    const report = await call<CallResult<'library.add'>>(core, 'library.add', { paths: [clip] });
    expect(report.added.map((video) => video.path)).toEqual([clip]);
    const listed = await call<CallResult<'library.list'>>(core, 'library.list', {});
    expect(listed.map((video) => video.path)).toEqual([clip]);
    expect(events).toContainEqual({ name: 'library.changed', payload: { reason: 'added' } });
  });

  it('refuses a bad payload with INVALID_ARGUMENT naming the field, rebuilt as an AppError', async () => {
    const { core } = await setUp();
    const error = await call(core, 'library.add', { paths: [''] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'paths.0', message: 'library.add: invalid argument "paths.0": must not be empty' });
    await expect(call(core, 'runs.segments', { runId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(core, 'no.such.call', {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'unknown call "no.such.call"' });
  });

  it('analyses a clip: job and progress events, then the run and its segments', async () => {
    const { dir, core, events } = await setUp();
    const clip = await makeClip({ dir, name: 'run.mp4', seconds: 2, fps: '25', width: 160, height: 120 });
    const [video] = (await call<CallResult<'library.add'>>(core, 'library.add', { paths: [clip] })).added;
    const ended = jobEnd(core, (job) => job.videoId === video!.id);
    const [job] = await call<JobSummary[]>(core, 'analysis.start', { videoIds: [video!.id], modelIds: ['test-frame'], provider: 'cpu' });
    const done = await ended;
    expect(done).toMatchObject({ id: job!.id, state: 'completed', framesDone: 50 });
    expect(events.some((event) => event.name === 'analysis.progress')).toBe(true);
    const segments = await call<CallResult<'runs.segments'>>(core, 'runs.segments', { runId: done.runId });
    expect(segments.length).toBeGreaterThan(0);
    expect(segments[0]).toMatchObject({ startFrame: 0, startSec: 0 });
    segmentsBy.set(label, segments);
  });

  it('names the file behind a media route, and refuses a video changed on disk', async () => {
    const { dir, core } = await setUp();
    const clip = await makeClip({ dir, name: 'media.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    const [video] = (await call<CallResult<'library.add'>>(core, 'library.add', { paths: [clip] })).added;
    expect(await core.mediaFile('video', video!.id)).toEqual({ ok: true, file: clip });
    expect(await core.mediaFile('video', 4242)).toEqual({ ok: false, reason: 'no such video in the library' });
    writeFileSync(clip, 'not the same video any more');
    utimesSync(clip, new Date(), new Date(Date.now() + 5000));
    expect(await core.mediaFile('video', video!.id)).toMatchObject({ ok: false });
  });
});

it('gives the same segments in process and hosted', () => {
  expect(segmentsBy.size).toBe(2);
  const [inProcess, hosted] = [...segmentsBy.values()];
  expect(hosted).toEqual(inProcess);
});
