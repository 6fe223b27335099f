/**
 * End to end through the CLI with real ffmpeg, kept small (11 clips + 1 sequence at ≤192x144):
 * the same seed reproduces every byte whatever the job count, another seed differs, splits are
 * disjoint, and every item JSON agrees with its MP4.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS } from '../../src/shared/actions.js';
import { probeVideo } from '../../src/main/core/media/index.js';
import { tmpDir } from '../helpers/clips.js';

const CLI = path.resolve(import.meta.dirname, '../../models/dataset/cli.ts');
const SMALL = ['--min-size', '160x120', '--max-size', '192x144'];

async function dataset(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: path.resolve(import.meta.dirname, '../..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Relative path → sha256 of every file under dir. */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else out.set(path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

interface Item {
  id: string;
  split: string;
  kind: string;
  file: string;
  seed: number;
  fps: string;
  width: number;
  height: number;
  frameCount: number;
  crf: number;
  label?: string;
  frameLabels: number[];
  segments: { label: string; startFrame: number; endFrame: number }[];
  figureBoxes: number[][];
  joints: number[][][];
  jointNames: string[];
}

describe('dataset generator (CLI, real ffmpeg)', () => {
  let a = '';
  let b = '';
  let c = '';
  let doc: { seed: number; classes: string[]; splits: Record<string, { clips: number; sequences: number }>; fingerprint: string; items: string[]; command: string };
  let items: Item[] = [];

  beforeAll(async () => {
    [a, b, c] = [tmpDir('dataset-a'), tmpDir('dataset-b'), tmpDir('dataset-c')];
    // Both single-threaded runs side by side (two cores); the --jobs 2 run on its own.
    const runs = [
      await dataset('--out', a, '--clips', '11', '--sequences', '1', '--seed', '7', '--jobs', '2', ...SMALL),
      ...(await Promise.all([
        dataset('--out', b, '--clips', '11', '--sequences', '1', '--seed', '7', '--jobs', '1', ...SMALL),
        dataset('--out', c, '--clips', '2', '--seed', '8', '--jobs', '1', ...SMALL),
      ])),
    ];
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    doc = JSON.parse(readFileSync(path.join(a, 'dataset.json'), 'utf8'));
    items = doc.items.map((p) => JSON.parse(readFileSync(path.join(a, p), 'utf8')) as Item);
  }, 120_000);

  it('reproduces every file byte for byte from the same seed, whatever --jobs', () => {
    const ha = hashes(a);
    const hb = hashes(b);
    expect([...ha.keys()].sort()).toEqual([...hb.keys()].sort());
    for (const [file, hash] of ha) if (file !== 'dataset.json') expect(hb.get(file), file).toBe(hash);
    const docB = JSON.parse(readFileSync(path.join(b, 'dataset.json'), 'utf8'));
    expect({ ...docB, command: '' }).toEqual({ ...doc, command: '' });
  });

  it('draws different items from a different seed', () => {
    const hc = hashes(c);
    const ha = hashes(a);
    for (const file of ['train/clips/c000000.mp4', 'train/clips/c000000.json']) expect(hc.get(file)).not.toBe(ha.get(file));
  });

  it('writes the documented layout, splits 70/15/15 and the fingerprint of the item JSONs', () => {
    expect(doc).toMatchObject({ format: 'actionlens-dataset', version: 1, seed: 7, generator: { name: 'actionlens-figures', version: '1' }, classes: [...DEFAULT_ACTIONS] });
    expect(doc.splits).toEqual({ train: { clips: 9, sequences: 1 }, val: { clips: 1, sequences: 0 }, test: { clips: 1, sequences: 0 } });
    const hash = createHash('sha256');
    for (const p of doc.items) hash.update(readFileSync(path.join(a, p)));
    expect(doc.fingerprint).toBe(hash.digest('hex'));
    expect(doc.items[0]).toBe('train/clips/c000000.json');
    for (const item of items) {
      expect(item.file).toBe(`${item.split}/${item.kind === 'clip' ? 'clips' : 'sequences'}/${item.id}.mp4`);
      expect(doc.items).toContain(item.file.replace(/\.mp4$/, '.json'));
    }
    expect(readdirSync(a).sort()).toEqual(['contact-sheet.png', 'dataset.json', 'test', 'train', 'val']);
  });

  it('keeps splits disjoint: distinct ids, seeds and videos; train clips cover distinct classes', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.seed)).size).toBe(items.length);
    const ha = hashes(a);
    const videos = items.map((i) => ha.get(i.file));
    expect(new Set(videos).size).toBe(items.length);
    const train = items.filter((i) => i.split === 'train' && i.kind === 'clip').map((i) => i.label);
    expect(new Set(train).size).toBe(train.length);
  });

  it('describes each MP4 exactly: frames, size, frame rate, codec, and per-frame labels', async () => {
    for (const item of items) {
      const probe = await probeVideo(path.join(a, item.file), { countFrames: 'always' });
      const [num, den] = item.fps.split('/').map(Number) as [number, number?];
      expect(probe.video).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', width: item.width, height: item.height, frameCount: item.frameCount });
      expect(probe.video.rFrameRate.num / probe.video.rFrameRate.den).toBeCloseTo(num / (den ?? 1), 6);
      expect(['24', '25', '30', '30000/1001']).toContain(item.fps);
      expect(item.width % 2 + (item.height % 2)).toBe(0);
      expect(item.crf).toBeGreaterThanOrEqual(18);
      expect(item.crf).toBeLessThanOrEqual(35);
      for (const list of [item.frameLabels, item.figureBoxes, item.joints]) expect(list).toHaveLength(item.frameCount);
      expect(item.jointNames).toHaveLength(14);
      for (const frame of item.joints) expect(frame).toHaveLength(14);
      for (const [x0, y0, x1, y1] of item.figureBoxes as [number, number, number, number][]) {
        expect(0 <= x0 && x0 < x1 && x1 <= 1 && 0 <= y0 && y0 < y1 && y1 <= 1).toBe(true);
      }
      let next = 0;
      for (const s of item.segments) {
        expect(s.startFrame).toBe(next);
        for (let f = s.startFrame; f < s.endFrame; f++) expect(doc.classes[item.frameLabels[f] as number]).toBe(s.label);
        next = s.endFrame;
      }
      expect(next).toBe(item.frameCount);
      if (item.kind === 'clip') {
        expect(item.segments.map((s) => s.label)).toEqual([item.label]);
        expect(item.frameCount / (num / (den ?? 1))).toBeGreaterThanOrEqual(1.95);
        expect(item.frameCount / (num / (den ?? 1))).toBeLessThanOrEqual(4.05);
      }
    }
  });

  it('writes a contact sheet with a row per class', async () => {
    const probe = await probeVideo(path.join(a, 'contact-sheet.png'));
    expect(probe.video.height).toBe(11 * 124 + 4);
  });
});
