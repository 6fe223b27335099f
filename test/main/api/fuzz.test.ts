/**
 * Property-based fuzzing of every contract call's payload (fast-check): arbitrary JSON, and JSON
 * shaped like the call's schema with arbitrary or borderline values in its fields, through
 * `dispatchCall` on a real core (a real SQLite file, a real clip, a real run and annotation
 * track), and a share of it over HTTP to the web host. Every payload is either accepted or refused
 * with an error that names a field; never a throw, never INTERNAL, never an HTTP 500.
 *
 * Kept deterministic and bounded: a fixed seed (FUZZ_SEED overrides it), FUZZ_RUNS runs per call.
 * Payloads that would start long work (analysis of the real video, removal of the real video,
 * run or model) draw ids that name nothing instead; see POOL_OVERRIDES.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import { openAppCore } from '../../../src/main/core/app.js';
import { startWebHost } from '../../../src/main/web/server.js';
import { CALL_NAMES, type CallName } from '../../../src/shared/channels.js';
import { calls, parseCallArgs, type CallOutcome } from '../../../src/shared/contract.js';
import { defOf, payloads, POOL_OVERRIDES, validPayloads, type World } from './fuzz-payloads.js';
import { AppError } from '../../../src/shared/errors.js';
import { DEFAULT_POSE_SETTINGS } from '../../../src/shared/pose.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const HTTP_RUNS = Math.max(1, Math.round(RUNS / 5));
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

/**
 * What every refusal must be: a known code other than INTERNAL, naming the field it is about:
 * one of the call's own (its first segment is a key of the schema), the payload as a whole, or,
 * for an error about a file the payload named, a field inside that file.
 */
function expectNamedRefusal(name: CallName, payload: unknown, outcome: CallOutcome<unknown>): void {
  if (outcome.ok) return;
  const where = `${name} ${JSON.stringify(payload)?.slice(0, 300)} → ${JSON.stringify(outcome.error)}`;
  expect(outcome.error.code, where).not.toBe('INTERNAL');
  expect(outcome.error.field, where).toBeTruthy();
  const keys = Object.keys(defOf(calls[name].args as z.ZodType).shape ?? {});
  const top = outcome.error.field!.split('.')[0]!;
  expect(top === '(arguments)' || keys.includes(top) || outcome.error.file !== undefined, `${where}: the field is not one of ${keys.join(', ')}`).toBe(true);
  expect(outcome.error.message, where).not.toMatch(/\n\s+at /); // no stack trace
}

const tallies = new Map<string, Record<string, number>>();
function tally(name: string, outcome: CallOutcome<unknown>): void {
  const key = outcome.ok ? 'ok' : outcome.error.code === 'INVALID_ARGUMENT' ? `INVALID:${outcome.error.field}` : outcome.error.code;
  const counts = tallies.get(name) ?? {};
  counts[key] = (counts[key] ?? 0) + 1;
  tallies.set(name, counts);
}

const DESKTOP_ONLY = new Set<CallName>(['dialog.openVideos', 'dialog.openFile']);

describe('contract fuzzing: every call, arbitrary payloads', () => {
  let world: World;

  beforeAll(async () => {
    const dir = tmpDir('fuzz');
    // Copies: whatever a fuzzed models.remove does, it does to these.
    const defaults = path.join(dir, 'default-models');
    cpSync(FIXTURE_MODELS_DIR, defaults, { recursive: true });
    mkdirSync(path.join(dir, 'models'));
    const core = openAppCore({ databaseFile: path.join(dir, 'fuzz.db'), version: 'fuzz', modelDirs: [defaults, path.join(dir, 'models')], analysis: { threads: { intraOp: 1 } } });
    const clip = await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 64, height: 48 });
    const videoId = (await core.library.add([clip])).added[0]!.id;
    const [job] = await core.analysis.start({ videoIds: [videoId], modelIds: ['test-frame'], options: { provider: 'cpu' } });
    const [done] = await core.analysis.wait([job!.id]);
    // A real pose run on the same clip, for the pose.* calls (Lightning on 25 tiny frames: about a second).
    const [poseJob] = core.analysis.startPose({ videoIds: [videoId], settings: DEFAULT_POSE_SETTINGS, provider: 'cpu' });
    const [poseDone] = await core.analysis.wait([poseJob!.id]);
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const labels = path.join(dir, 'clip.labels.json');
    writeFileSync(labels, JSON.stringify({ classes: ['a', 'b'], segments: [{ label: 'a', startFrame: 0, endFrame: 10 }, { label: 'b', startFrame: 10, endFrame: 25 }] }));
    const imported = await dispatchCall(core.handlers, 'annotations.import', { videoId, path: labels });
    if (!imported.ok) throw new Error(imported.error.message);
    const track = imported.value as { id: number };
    // A labelled set for the datasets.* calls (the clip labelled once).
    const datasetCsv = path.join(dir, 'set.csv');
    writeFileSync(datasetCsv, 'clip.mp4,a\n');
    const dataset = await dispatchCall(core.handlers, 'datasets.import', { path: datasetCsv, name: 'fuzz-set' });
    if (!dataset.ok) throw new Error(dataset.error.message);
    const renderer = path.join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const host = await startWebHost(core, { rendererDir: renderer });
    world = { dir, core, host, videoId, runId: done!.runId!, poseRunId: poseDone!.runId!, trackId: track.id, clip, labels, datasetCsv };
  });

  afterAll(async () => {
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(Object.fromEntries(tallies), null, 1));
    await world?.host.close();
    await world?.core.close();
  });

  it('the base payloads are accepted (or name nothing, for the calls kept away from real ids)', async () => {
    for (const [name, payload] of Object.entries(validPayloads(world)) as [CallName, unknown][]) {
      if (DESKTOP_ONLY.has(name)) {
        expect(() => parseCallArgs(name, payload)).not.toThrow();
        continue;
      }
      const outcome = await dispatchCall(world.core.handlers, name, payload);
      if (POOL_OVERRIDES[name]) expect(outcome, name).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      else expect(outcome, `${name}: ${JSON.stringify(outcome)}`).toMatchObject({ ok: true });
    }
  });

  for (const name of CALL_NAMES) {
    if (DESKTOP_ONLY.has(name)) {
      it(`${name}: the schema accepts or refuses naming a field (desktop-only handler)`, () => {
        fc.assert(
          fc.property(payloads(name, world), (payload) => {
            try {
              parseCallArgs(name, payload);
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
              expect((error as AppError).code).toBe('INVALID_ARGUMENT');
              expect((error as AppError).field).toBeTruthy();
            }
          }),
          { numRuns: RUNS, seed: SEED },
        );
      });
      continue;
    }
    it(`${name}: accepted, or refused naming a field, through dispatchCall`, async () => {
      await fc.assert(
        fc.asyncProperty(payloads(name, world), async (payload) => {
          const outcome = await dispatchCall(world.core.handlers, name, payload);
          tally(name, outcome);
          expectNamedRefusal(name, payload, outcome);
        }),
        { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 40_000 },
      );
      expect(world.core.store.db.pragma('quick_check', { simple: true })).toBe('ok');
    });
  }

  it('over HTTP: every call answers a JSON envelope, never 500; any body at all is a 4xx naming the problem', async () => {
    const post = (name: string, body: string) =>
      fetch(`${world.host.origin}/api/call/${encodeURIComponent(name)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${world.host.token}` }, body });
    for (const name of CALL_NAMES.filter((n) => !DESKTOP_ONLY.has(n))) {
      await fc.assert(
        fc.asyncProperty(payloads(name, world), async (payload) => {
          if (process.env.FUZZ_TRACE) console.error('HTTP', name, JSON.stringify(payload)?.slice(0, 200));
          const response = await post(name, JSON.stringify(payload) ?? 'null');
          expect(response.status, `${name} ${JSON.stringify(payload)}`).not.toBe(500);
          const outcome = (await response.json()) as CallOutcome<unknown>;
          expect(response.status === 200).toBe(outcome.ok);
          expectNamedRefusal(name, payload, outcome);
        }),
        { numRuns: HTTP_RUNS, seed: SEED },
      );
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES, 'no.such', '', '..%2f'), fc.string({ maxLength: 40 }), async (name, body) => {
        const response = await post(name, body);
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 180_000);
});
