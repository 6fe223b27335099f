/** Importing labelled datasets of every format into a real SQLite store: good files, and malformed ones reported by file and line with nothing stored. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Datasets } from '../../../src/main/core/eval/datasets/service.js';
import { mapLabels, parseMappingPairs } from '../../../src/main/core/eval/datasets/mapping.js';
import { ModelRegistry } from '../../../src/main/core/models/index.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';

const SAMPLE = resolve(import.meta.dirname, '../../../samples/testsrc2-320x240-25fps.mp4');
const MODELS = resolve(import.meta.dirname, '../../fixtures/models');
/** The real validation clips (never copied into the repository): read where they are. */
const REAL_DEV = resolve(import.meta.dirname, '../../../../shared/real-dev');

let dir: string;
let store: Store;
let datasets: Datasets;

function video(rel: string): string {
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(SAMPLE, file);
  return file;
}

function write(rel: string, text: string): string {
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function importError(source: string, options = {}): Promise<string> {
  const error = (await datasets.import(source, options).then(() => null, (e: unknown) => e)) as Error | null;
  expect(error, 'the import should have failed').not.toBeNull();
  expect(datasets.list()).toEqual([]); // nothing half-imported
  return error!.message;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'datasets-'));
  store = openStore(join(dir, 'db.sqlite'));
  datasets = new Datasets(store, new ModelRegistry(store, [MODELS]));
});
afterEach(() => store.close());

describe('folder-per-class trees', () => {
  it('imports ROOT/<class>/<video> with UCF101 split lists', async () => {
    video('ucf/fall_floor/v_fall_floor_g01_c01.avi');
    video('ucf/fall_floor/v_fall_floor_g02_c01.avi');
    video('ucf/walk/v_walk_g01_c01.mp4');
    write('ucf/notes.txt', 'not a video');
    write('lists/classInd.txt', '1 fall_floor\n2 walk\n');
    write('lists/trainlist01.txt', 'fall_floor/v_fall_floor_g02_c01.avi 1\nwalk/v_walk_g01_c01.mp4 2\n');
    write('lists/testlist01.txt', 'fall_floor/v_fall_floor_g01_c01.avi\n');
    const { dataset } = await datasets.import(join(dir, 'ucf'), { splitsDir: join(dir, 'lists') });
    expect(dataset).toMatchObject({ name: 'ucf', format: 'folder', labels: ['fall_floor', 'walk'], itemCount: 3, splits: { test: 1, train: 2 } });
    expect(dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const test = datasets.items('ucf', 'test');
    expect(test.map((i) => [i.label, i.path.endsWith('g01_c01.avi')])).toEqual([['fall_floor', true]]);
  });

  it('takes splits from ROOT/<split>/<class> folders (Kinetics layout)', async () => {
    video('kin/train/walk/a.mp4');
    video('kin/val/walk/b.mp4');
    video('kin/val/run/c.mp4');
    const { dataset } = await datasets.import(join(dir, 'kin'));
    expect(dataset.splits).toEqual({ train: 1, val: 2 });
    expect(dataset.labels).toEqual(['run', 'walk']);
  });

  it('names every malformed split-list line and stores nothing', async () => {
    video('ucf/walk/a.mp4');
    write('lists/classInd.txt', '1 walk\n');
    write('lists/trainlist01.txt', 'walk/a.mp4 2\nwalk/missing.mp4 1\nwalk/a.mp4 1 extra\n');
    const message = await importError(join(dir, 'ucf'), { splitsDir: join(dir, 'lists') });
    expect(message).toContain('3 problems, nothing imported');
    expect(message).toContain('trainlist01.txt:1: class index 2 is "not in classInd.txt" but the video is in the folder "walk"');
    expect(message).toContain('trainlist01.txt:2: walk/missing.mp4 is not a video of the tree');
    expect(message).toContain('trainlist01.txt:3: expected');
  });
});

describe('CSV of file,label', () => {
  it('imports with a header and an optional split column, files relative to the CSV', async () => {
    video('clips/a.mp4');
    video('clips/b.mp4');
    const csv = write('set.csv', 'file,label,split\nclips/a.mp4,fall,test\n"clips/b.mp4","walk"\n');
    const { dataset } = await datasets.import(csv);
    expect(dataset).toMatchObject({ name: 'set', format: 'csv', labels: ['fall', 'walk'], splits: { '': 1, test: 1 } });
  });

  it('reports every malformed line by number', async () => {
    video('clips/a.mp4');
    const csv = write('bad.csv', 'clips/a.mp4,fall\nclips/a.mp4,walk\nclips/none.mp4,fall\nonlyone\n"open,fall\nclips/b.mp4,\n');
    const message = await importError(csv);
    expect(message).toContain('bad.csv:2: clips/a.mp4 is listed already on line 1');
    expect(message).toContain('bad.csv:4: expected "file,label[,split]", found 1 field');
    expect(message).toContain('bad.csv:5: a quote is not closed');
    expect(message).toContain('bad.csv:6: the label of clips/b.mp4 is empty');
    expect(message).toMatch(/clips\/none\.mp4: cannot read the video \(ENOENT\)/);
  });
});

describe('per-frame labels', () => {
  it('reads .labels.json, frame CSV and MS-TCN text beside the videos; videos without truth are skipped and listed', async () => {
    video('seq/a.mp4');
    write('seq/a.labels.json', JSON.stringify({ segments: [{ label: 'walk', startFrame: 0, endFrame: 3 }, { label: 'fall', startFrame: 3, endFrame: 5 }] }));
    video('seq/b.mp4');
    write('seq/b.labels.csv', 'frame,label\n0,walk\n1,walk\n2,run\n');
    video('seq/c.mp4');
    write('seq/c.txt', 'run\nrun\nfall\n');
    video('seq/d.mp4');
    const { dataset, skipped } = await datasets.import(join(dir, 'seq'), { format: 'frames' });
    expect(dataset.labels).toEqual(['fall', 'run', 'walk']);
    expect(skipped).toEqual([join(dir, 'seq/d.mp4')]);
    const frames = datasets.items(dataset.name).map((i) => i.frames);
    expect(frames).toEqual([
      [{ label: 'walk', startFrame: 0, endFrame: 3 }, { label: 'fall', startFrame: 3, endFrame: 5 }],
      [{ label: 'walk', startFrame: 0, endFrame: 2 }, { label: 'run', startFrame: 2, endFrame: 3 }],
      [{ label: 'run', startFrame: 0, endFrame: 2 }, { label: 'fall', startFrame: 2, endFrame: 3 }],
    ]);
  });

  it('reads MS-TCN groundTruth from a separate folder', async () => {
    video('videos/x.mp4');
    write('groundTruth/x.txt', 'a\na\nb\n');
    const { dataset } = await datasets.import(join(dir, 'videos'), { format: 'frames', labelsDir: join(dir, 'groundTruth') });
    expect(datasets.items(dataset.name)[0]!.frames).toEqual([{ label: 'a', startFrame: 0, endFrame: 2 }, { label: 'b', startFrame: 2, endFrame: 3 }]);
  });

  it('reports malformed truth files by file and line', async () => {
    video('seq/a.mp4');
    write('seq/a.txt', 'run\n\nfall\n');
    video('seq/b.mp4');
    write('seq/b.csv', '0,walk\n2,walk\n');
    video('seq/c.mp4');
    write('seq/c.labels.json', JSON.stringify({ segments: [{ label: 'a', startFrame: 0, endFrame: 5 }, { label: 'b', startFrame: 4, endFrame: 6 }, { label: 'c', startFrame: 7, endFrame: 7 }] }));
    const message = await importError(join(dir, 'seq'), { format: 'frames' });
    expect(message).toContain('\na.txt:2: frame 1 has no label (an empty line)');
    expect(message).toContain('\nb.csv:2: frame 2 where frame 1 was expected');
    expect(message).toContain('\nc.labels.json: "segments.2.endFrame" must be after startFrame');
  });
});

describe('ActivityNet segments', () => {
  it('imports segments and subsets, finding v_<id> videos', async () => {
    video('anet/videos/v_abc.mp4');
    video('anet/videos/def.mkv');
    const file = write('anet/gt.json', JSON.stringify({ version: '1.3', database: { abc: { subset: 'validation', annotations: [{ segment: [0.5, 2], label: 'Fall' }] }, def: { subset: 'training', annotations: [] } } }));
    const { dataset } = await datasets.import(file, { videosDir: join(dir, 'anet/videos') });
    expect(dataset).toMatchObject({ format: 'activitynet', labels: ['Fall'], splits: { train: 1, val: 1 } });
    expect(datasets.items('gt', 'val')[0]!.segments).toEqual([{ label: 'Fall', startSec: 0.5, endSec: 2 }]);
  });

  it('names the entries that are malformed or have no video', async () => {
    video('anet/videos/abc.mp4');
    const file = write('anet/gt.json', JSON.stringify({ database: { abc: { annotations: [{ segment: [3, 1], label: 'x' }] }, zzz: { annotations: [] } } }));
    const message = await importError(file, { videosDir: join(dir, 'anet/videos') });
    expect(message).toContain('"database.abc.annotations.0.segment" must end after it starts');
    expect(message).toContain('"database.zzz": no video named zzz.* or v_zzz.*');
  });
});

describe('generated dataset and labels.json', () => {
  it('imports the generator layout: clips with labels, sequences with per-frame labels', async () => {
    video('gen/test/clips/c1.mp4');
    video('gen/test/sequences/s1.mp4');
    write('gen/test/clips/c1.json', JSON.stringify({ id: 'c1', split: 'test', kind: 'clip', file: 'test/clips/c1.mp4', label: 'run', frameLabels: [1, 1] }));
    write('gen/test/sequences/s1.json', JSON.stringify({ id: 's1', split: 'test', kind: 'sequence', file: 'test/sequences/s1.mp4', frameLabels: [0, 0, 1] }));
    write('gen/dataset.json', JSON.stringify({ format: 'actionlens-dataset', version: 1, classes: ['idle', 'run'], items: ['test/clips/c1.json', 'test/sequences/s1.json'] }));
    const { dataset } = await datasets.import(join(dir, 'gen'));
    expect(dataset).toMatchObject({ format: 'generated', labels: ['idle', 'run'], splits: { test: 2 } });
    const [clip, sequence] = datasets.items('gen');
    expect(clip).toMatchObject({ label: 'run', frames: null });
    expect(sequence).toMatchObject({ label: null, frames: [{ label: 'idle', startFrame: 0, endFrame: 2 }, { label: 'run', startFrame: 2, endFrame: 3 }] });
  });

  it('imports a labels.json of file → label with clips in clips/', async () => {
    video('real/clips/fall_01.mp4');
    write('real/labels.json', JSON.stringify({ 'fall_01.mp4': { label: 'fall', notes: '…' } }));
    const { dataset } = await datasets.import(join(dir, 'real'), { name: 'real-dev' });
    expect(dataset).toMatchObject({ name: 'real-dev', format: 'labels-json', labels: ['fall'], itemCount: 1 });
    expect(datasets.items('real-dev')[0]!.path).toBe(join(dir, 'real/clips/fall_01.mp4'));
  });
});

describe('label mapping and lifecycle', () => {
  it('maps by name, loosely, and explicitly; reports what is unmapped; edits persist', async () => {
    video('ucf/fall_floor/a.mp4');
    video('ucf/Walk/b.mp4');
    video('ucf/ride_bike/c.mp4');
    const { dataset } = await datasets.import(join(dir, 'ucf'));
    const before = await datasets.mappingFor(dataset, 'test-frame');
    expect(before.unmapped).toEqual(['fall_floor', 'ride_bike']);
    expect(before.mapped).toEqual({ Walk: 1 });
    const mapped = datasets.map('ucf', parseMappingPairs(['fall_floor=fall']));
    expect(mapped.mapping).toEqual({ fall_floor: 'fall' });
    const after = await datasets.mappingFor(datasets.get('ucf'), 'test-frame');
    expect(after).toEqual({ modelId: 'test-frame', mapped: { Walk: 1, fall_floor: 10 }, unmapped: ['ride_bike'] });
    expect(datasets.map('ucf', {}, ['fall_floor']).mapping).toEqual({});
    expect(() => datasets.map('ucf', { nope: 'fall' })).toThrow('"nope" is not a label of the dataset "ucf"');
    expect(() => parseMappingPairs(['fall'])).toThrow('"fall" is not dataset_label=model_class');
    expect(mapLabels('m', ['x'], { x: 'missing' }, ['x']).unmapped).toEqual(['x']); // an explicit entry wins over the name
  });

  it('refuses a second dataset of the same name and removes with the items', async () => {
    video('ucf/walk/a.mp4');
    await datasets.import(join(dir, 'ucf'));
    await expect(datasets.import(join(dir, 'ucf'))).rejects.toThrow('A dataset named "ucf" exists already');
    expect(datasets.remove('ucf').name).toBe('ucf');
    expect(store.db.prepare('SELECT count(*) AS n FROM dataset_items').get()).toEqual({ n: 0 });
  });

  it('the fingerprint depends on content and truth, not on where the files are', async () => {
    video('one/walk/a.mp4');
    video('two/walk/a.mp4');
    video('three/run/a.mp4');
    const one = (await datasets.import(join(dir, 'one'))).dataset.fingerprint;
    const two = (await datasets.import(join(dir, 'two'))).dataset.fingerprint;
    const three = (await datasets.import(join(dir, 'three'))).dataset.fingerprint;
    expect(two).toBe(one);
    expect(three).not.toBe(one);
  });
});

describe.skipIf(!existsSync(join(REAL_DEV, 'labels.json')))(`the real-dev set in place${existsSync(join(REAL_DEV, 'labels.json')) ? '' : ` (skipped: ${REAL_DEV}/labels.json is absent)`}`, () => {
  it('imports from its labels.json with every clip found in clips/ and every label a default class', async () => {
    const { dataset } = await datasets.import(REAL_DEV, { name: 'real-dev' });
    expect(dataset).toMatchObject({ format: 'labels-json', itemCount: 24 });
    expect(datasets.items('real-dev').every((i) => i.path.startsWith(join(REAL_DEV, 'clips')) && i.fingerprint.startsWith('ss1:'))).toBe(true);
    expect((await datasets.mappingFor(dataset, 'test-frame')).unmapped).toEqual([]);
  });
});
