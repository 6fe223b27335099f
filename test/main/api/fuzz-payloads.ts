import { writeFileSync } from 'node:fs';
/**
 * Payload generators for the contract fuzzing (fuzz.test.ts): arbitrary JSON, JSON shaped like a
 * call's schema with edge values, and a valid payload per call with one value replaced.
 */
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import type { AppCore } from '../../../src/main/core/app.js';
import type { WebHost } from '../../../src/main/web/server.js';
import type { CallName } from '../../../src/shared/channels.js';
import { calls } from '../../../src/shared/contract.js';

export interface World {
  dir: string;
  core: AppCore;
  host: WebHost;
  videoId: number;
  runId: number;
  /** A real pose run on the clip (pose.frames, pose.tracks, pose.kinematics). */
  poseRunId: number;
  trackId: number;
  clip: string;
  labels: string;
  /** A `file,label` CSV naming the clip, imported as dataset "fuzz-set". */
  datasetCsv: string;
}

/** Values chosen to sit on the edges of what the schemas and handlers accept. */
export function pools(world: World) {
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
export const POOL_OVERRIDES: Partial<Record<CallName, (keyof ReturnType<typeof pools>)[]>> = {
  'analysis.start': ['nowhere'],
  // A real job id would pause the fuzzed world's jobs; pause and resume are tested in test/main/analysis/pause-resume.test.ts.
  'analysis.pause': ['nowhere'],
  'analysis.resume': ['nowhere'],
  'library.remove': ['nowhere'],
  'runs.delete': ['nowhere'],
  'models.remove': ['nowhere'],
  'pose.start': ['nowhere'],
  // Named datasets and reports: only names that name nothing (eval.run on a real set computes runs).
  'datasets.remove': ['nowhere'],
  'eval.run': ['nowhere'],
  'eval.export': ['nowhere'],
  // The fixture run may have no segments to propose; decisions are tested in test/main/tags.
  'tags.decide': ['nowhere'],
  // Cutting clips writes files: fuzzed folders must never be created, so the source names nothing.
  'clips.export': ['nowhere'],
  'review.mark': ['nowhere'],
  'review.note': ['nowhere'],
  'review.preview': ['nowhere'],
  'review.impact': ['nowhere'],
  'review.updateRule': ['nowhere'],
  'review.removeSource': ['nowhere'],
  'review.watchSource': ['nowhere'],
  'incidents.export': ['nowhere'],
};

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[]; in?: z.ZodType };
export const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

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
    const real = overrides ? fc.constantFrom(...idPool) : fc.constantFrom(world.videoId, world.runId, world.poseRunId, world.trackId);
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

/** A small track CSV beside the world's files, for tags.import. */
function tracksFile(world: World): string {
  const file = path.join(world.dir, 'tracks.csv');
  writeFileSync(file, 'track,label,start_frame,end_frame\nT,pass,0,5\n');
  return file;
}

/** One payload per call that the call accepts (or, for the calls of POOL_OVERRIDES, that names nothing): the base of single-field mutations. */
export function validPayloads(world: World): Record<CallName, Record<string, unknown>> {
  const model = path.join(world.dir, 'default-models', 'test-frame');
  const { videoId, runId, poseRunId, trackId } = world;
  return {
    'app.info': {}, 'library.list': {}, 'models.presets': {}, 'analysis.jobs': {},
    // Nothing listens on port 1: a mutation to place "workers" is refused at once (connection refused).
    'settings.analysisPlace': {},
    'settings.setAnalysisPlace': { place: 'local', queueUrl: 'redis://127.0.0.1:1', password: null, tlsCaFile: null, insecureRedis: false },
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
    'analysis.pause': { jobIds: [999_999] },
    'analysis.resume': { jobIds: [999_999] },
    'runs.listForVideo': { videoId },
    'runs.segments': { runId, startFrame: 0, endFrame: 20, maxSegments: 3 },
    'runs.probabilities': { runId, startFrame: 0, endFrame: 20, points: 7, reduce: 'max' },
    'runs.people': { runId },
    'runs.rederive': { runId, postprocess: POSTPROCESS },
    'runs.delete': { runId: 999_999 },
    'annotations.listForVideo': { videoId },
    'annotations.segments': { trackId, startFrame: 0, endFrame: 20, maxSegments: 3 },
    'annotations.import': { videoId, path: world.labels, name: 'fuzzed' },
    'pose.start': { videoIds: [999_999], model: 'lightning', maxPeople: 2, minPersonScore: 0.3, provider: 'cpu' },
    'pose.runs': { videoId },
    'pose.frames': { runId: poseRunId, startFrame: 0, endFrame: 20 },
    'pose.tracks': { runId: poseRunId },
    'pose.kinematics': { runId: poseRunId, trackId: 0, startFrame: 0, endFrame: 20, smoothFrames: 3, minScore: 0.3 },
    'datasets.list': {},
    'datasets.import': { path: world.datasetCsv, name: 'fuzzed-set', format: 'csv' },
    'datasets.map': { dataset: 'fuzz-set', set: { a: 'b' }, unset: [] },
    'datasets.remove': { dataset: 'no-such-set' },
    'eval.run': { dataset: 'no-such-set', modelIds: ['test-frame'] },
    'eval.export': { reportId: 999_999, format: 'html' },
    'tags.state': { trackId },
    'tags.createTrack': { videoId, name: 'fuzz track', labels: [{ name: 'pass', color: '#4e9bf5', hotkey: '1', mode: 'toggle', fixedSec: 2, leadSec: 1, lagSec: 0.5 }] },
    'tags.renameTrack': { trackId, name: 'renamed' },
    'tags.deleteTrack': { trackId: 999_999 },
    'tags.setLabels': { trackId, labels: [{ name: 'pass', color: '#4e9bf5', hotkey: '1', mode: 'toggle', fixedSec: 2, leadSec: 1, lagSec: 0.5 }] },
    'tags.edit': { trackId, edit: { op: 'create', label: 'pass', startFrame: 0, endFrame: 5 }, snapRunId: runId },
    'tags.undo': { trackId },
    'tags.redo': { trackId },
    'tags.proposals': { trackId, runId },
    'tags.decide': { trackId, runId, proposalId: 999_999, decision: 'trim', label: 'x', startFrame: 0, endFrame: 3 },
    'tags.corrections': { trackId },
    'tags.export': { source: { trackId }, format: 'eaf' },
    'tags.import': { videoId, path: tracksFile(world), format: 'csv', name: 'fuzzed tags' },
    'clips.export': { source: { trackId: 999_999 }, outDir: path.join(world.dir, 'absent', 'clips'), labels: ['a'], minConfidence: 0.5, preRollSec: 1, postRollSec: 1, reel: true },
    'clips.cancel': { exportId: 1 },
    'review.sources': {},
    'review.items': { state: 'unreviewed', offset: 0, limit: 50, day: '2026-12-06', className: 'walk', sourceId: 1 },
    'review.counts': {},
    'review.addSource': { name: 'fuzz camera', path: world.dir, recursive: false, modelIds: ['test-frame'], stride: 4, watching: false, rule: { classes: ['walk'], minConfidence: 0.6 } },
    'review.removeSource': { sourceId: 999_999 },
    'review.watchSource': { sourceId: 999_999, watching: true },
    'review.mark': { itemIds: [999_999], verdict: 'reviewed' },
    'review.note': { itemId: 999_999, note: 'fuzzed' },
    'review.preview': { itemId: 999_999, kind: 'thumb' },
    'review.impact': { ruleId: 999_999, minConfidence: 0.5 },
    'review.updateRule': { ruleId: 999_999, settings: { classes: ['walk'], minConfidence: 0.6, minDurationSec: 1, windows: [{ start: '22:00', end: '06:00' }], preRollSec: 2, postRollSec: 2, mergeGapSec: 5 } },
    'incidents.export': { itemId: 999_999, outDir: path.join(world.dir, 'incidents') },
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

export function payloads(name: CallName, world: World): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: guided(calls[name].args as z.ZodType, world, name) },
    { weight: 3, arbitrary: mutated(name, validPayloads(world)[name], world) },
  );
}
