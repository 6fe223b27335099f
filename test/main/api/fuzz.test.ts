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
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { CALL_NAMES, type CallName } from '../../../src/shared/channels.js';
import { calls, parseCallArgs, type CallOutcome } from '../../../src/shared/contract.js';
import { AppError } from '../../../src/shared/errors.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const HTTP_RUNS = Math.max(1, Math.round(RUNS / 5));
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

interface World {
  dir: string;
  core: AppCore;
  host: WebHost;
  videoId: number;
  runId: number;
  trackId: number;
  clip: string;
  labels: string;
}

/** Values chosen to sit on the edges of what the schemas and handlers accept. */
function pools(world: World) {
  const missing = path.join(world.dir, 'no-such-file.mp4');
  const model = path.join(world.dir, 'default-models', 'test-frame');
  return {
    ids: [world.videoId, world.runId, world.trackId, 1, 2, 0, -1, 1.5, 999_999, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, -0],
    nowhere: [999_999, 123_456, 2 ** 31],
    paths: [world.clip, world.labels, missing, path.join(model, 'model.onnx'), path.join(model, 'manifest.json'), world.dir, '/dev/zero', '/dev/null', path.join(world.dir, 'fifo'), 'relative/name.mp4', 'x'.repeat(4096), 'x'.repeat(4097), '', ' ', 'a\u0000b', '\u00e9t\u00e9 \ud83c\udfac.mp4'],
    strings: ['', ' ', 'test-frame', 'test-clip', 'r3d_18', 'no-such-model', '../..', '__proto__', 'constructor', 'a'.repeat(201), '\u0000', 'mean', 'max', 'median', 'moving-average', 'none', 'cpu', 'auto'],
    numbers: [0, 1, 2, 3, 5, -1, 0.5, 1.5, 0.4, 1e-300, 1e308, -1e308, 20_000, 20_001, 10_000, 10_001, 101, 2 ** 53],
  };
}

/** Calls whose real ids would start long work or destroy the fixtures: only ids that name nothing. */
const POOL_OVERRIDES: Partial<Record<CallName, (keyof ReturnType<typeof pools>)[]>> = {
  'analysis.start': ['nowhere'],
  'library.remove': ['nowhere'],
  'runs.delete': ['nowhere'],
  'models.remove': ['nowhere'],
};

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[]; in?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** JSON shaped like `schema` (its keys, its enums), each value sometimes borderline, sometimes anything. */
function guided(schema: z.ZodType, world: World, call: CallName, depth = 0, pathLike = false): fc.Arbitrary<unknown> {
  const p = pools(world);
  const overrides = POOL_OVERRIDES[call];
  const idPool: number[] = overrides ? overrides.flatMap((k) => p[k] as number[]) : p.ids;
  const anything = fc.jsonValue({ maxDepth: 2 });
  const def = defOf(schema);
  const shaped = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'object': {
        const keys = Object.entries(def.shape ?? {});
        const record = Object.fromEntries(keys.map(([key, child]) => [key, pickFor(key, child)]));
        const full = fc.record(record, { requiredKeys: keys.map(([key]) => key) });
        const some = fc.record(record, { requiredKeys: [] });
        // Mostly every key, sometimes a few, sometimes an extra key the schema does not know.
        return fc.oneof(
          { weight: 6, arbitrary: full },
          { weight: 2, arbitrary: some },
          { weight: 1, arbitrary: fc.tuple(full, fc.string({ maxLength: 8 }), anything).map(([o, k, v]) => ({ ...o, [k]: v })) },
        );
      }
      case 'optional':
      case 'default':
      case 'nullable':
        return guided(def.innerType!, world, call, depth, pathLike);
      case 'pipe':
        return guided(def.in!, world, call, depth, pathLike);
      case 'array':
        return depth > 3 ? anything : fc.array(guided(def.element!, world, call, depth + 1, pathLike), { maxLength: 4 });
      case 'enum':
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})) }, { weight: 1, arbitrary: fc.constantFrom(...p.strings) });
      case 'union':
        return fc.oneof(...(def.options ?? []).map((o) => guided(o, world, call, depth + 1)));
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(1, 3, 5, 0.4, 0.05) },
          { weight: 2, arbitrary: fc.constantFrom(...p.numbers, ...idPool) },
          { weight: 1, arbitrary: fc.integer() },
          { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        );
      case 'string':
        // Arbitrary path text stays inside a folder that does not exist: "/" or "." would make
        // library.add scan the whole disk (a legitimate, if slow, request).
        return pathLike
          ? fc.oneof(fc.constantFrom(...p.paths), fc.string({ maxLength: 20 }).map((text) => path.join(world.dir, 'absent', text.replace(/[./\\]/g, '_'))))
          : fc.oneof(fc.constantFrom(...p.strings, ...p.paths.filter((f) => f !== world.dir)), fc.string({ maxLength: 20 }));
      default:
        return anything;
    }
  })();
  function pickFor(key: string, child: z.ZodType): fc.Arbitrary<unknown> {
    const inner = guided(child, world, call, depth + 1, /path$/i.test(key) || key === 'paths');
    const real = overrides ? fc.constantFrom(...idPool) : fc.constantFrom(world.videoId, world.runId, world.trackId);
    const ids = fc.oneof({ weight: 3, arbitrary: real }, { weight: 1, arbitrary: fc.constantFrom(...idPool) });
    if (key === 'id' && call.startsWith('models.')) return fc.oneof(fc.constantFrom('test-frame', 'test-clip', 'no-such-model', 'fuzz-import'), inner);
    if (key.endsWith('Id') || key === 'id') return fc.oneof({ weight: 4, arbitrary: ids }, { weight: 1, arbitrary: inner });
    if (key === 'videoIds') return fc.oneof({ weight: 4, arbitrary: fc.array(ids, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: inner });
    if (key === 'modelIds') return fc.oneof(fc.array(fc.constantFrom('test-frame', 'test-clip', 'no-such-model'), { minLength: 1, maxLength: 2 }), inner);
    if (/Frame$|^points$|^maxSegments$/.test(key)) return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: inner });
    if (key === 'paths') return fc.oneof(fc.array(fc.constantFrom(...p.paths), { maxLength: 3 }), inner);
    if (/path$/i.test(key)) return fc.oneof(fc.constantFrom(...p.paths), inner);
    return inner;
  }
  return pathLike ? shaped : fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: anything });
}

const POSTPROCESS = { smoothing: { kind: 'median', windowFrames: 5 }, threshold: 0.4, minSegmentSec: 0.3, hysteresis: 0.05, viterbi: { enabled: true, switchPenalty: 4 } };

/** One payload per call that the call accepts (or, for the calls of POOL_OVERRIDES, that names nothing): the base of single-field mutations. */
function validPayloads(world: World): Record<CallName, Record<string, unknown>> {
  const model = path.join(world.dir, 'default-models', 'test-frame');
  const { videoId, runId, trackId } = world;
  return {
    'app.info': {}, 'library.list': {}, 'models.presets': {}, 'analysis.jobs': {},
    'library.add': { paths: [world.clip] },
    'library.remove': { id: 999_999 },
    'library.locate': { id: videoId, path: world.clip },
    'media.probe': { path: world.clip },
    'media.playback': { videoId },
    'media.frameTimes': { videoId },
    'dialog.openVideos': { folders: true },
    'dialog.openFile': { title: 'Pick', filters: [{ name: 'Videos', extensions: ['mp4', '*'] }] },
    'models.list': { refresh: true },
    'models.import': { modelPath: path.join(model, 'model.onnx'), manifestPath: path.join(model, 'manifest.json'), id: 'fuzz-import' },
    'models.remove': { id: 'no-such-model' },
    'models.show': { id: 'test-frame' },
    'analysis.start': { videoIds: [999_999], modelIds: ['test-frame'], sampling: { stride: 2, windowStride: 4 }, postprocess: POSTPROCESS, provider: 'cpu', hwaccel: false },
    'analysis.cancel': { jobId: 1 },
    'runs.listForVideo': { videoId },
    'runs.segments': { runId, startFrame: 0, endFrame: 20, maxSegments: 3 },
    'runs.probabilities': { runId, startFrame: 0, endFrame: 20, points: 7, reduce: 'max' },
    'runs.rederive': { runId, postprocess: POSTPROCESS },
    'runs.delete': { runId: 999_999 },
    'annotations.listForVideo': { videoId },
    'annotations.segments': { trackId, startFrame: 0, endFrame: 20, maxSegments: 3 },
    'annotations.import': { videoId, path: world.labels, name: 'fuzzed' },
  };
}

/** Every dotted path to a value inside `value` (objects and arrays). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]))];
}

function withValueAt(base: unknown, at: string[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(base) as Record<string, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  if (value === undefined) delete parent[at.at(-1)!];
  else parent[at.at(-1)!] = value;
  return copy;
}

/** A valid payload with one value replaced (by an edge value or any JSON) or removed. */
function mutated(name: CallName, base: Record<string, unknown>, world: World): fc.Arbitrary<unknown> {
  const p = pools(world);
  const ids = POOL_OVERRIDES[name] ? p.nowhere : p.ids;
  const strings = name === 'models.remove' ? p.strings.filter((s) => !s.startsWith('test-')) : p.strings;
  const replacement = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...p.numbers.filter((n) => !POOL_OVERRIDES[name] || !p.ids.includes(n)), ...ids, ...strings, ...p.paths.filter((f) => f !== world.dir), true, false, null, [], {}),
    fc.jsonValue({ maxDepth: 2 }),
  );
  return fc.tuple(fc.constantFrom(...leafPaths(base)), replacement).map(([at, value]) => withValueAt(base, at, value));
}

function payloads(name: CallName, world: World): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: guided(calls[name].args as z.ZodType, world, name) },
    { weight: 3, arbitrary: mutated(name, validPayloads(world)[name], world) },
  );
}

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
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const labels = path.join(dir, 'clip.labels.json');
    writeFileSync(labels, JSON.stringify({ classes: ['a', 'b'], segments: [{ label: 'a', startFrame: 0, endFrame: 10 }, { label: 'b', startFrame: 10, endFrame: 25 }] }));
    const imported = await dispatchCall(core.handlers, 'annotations.import', { videoId, path: labels });
    if (!imported.ok) throw new Error(imported.error.message);
    const track = imported.value as { id: number };
    const renderer = path.join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const host = await startWebHost(core, { rendererDir: renderer });
    world = { dir, core, host, videoId, runId: done!.runId!, trackId: track.id, clip, labels };
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
