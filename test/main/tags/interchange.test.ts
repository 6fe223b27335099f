/** Every interchange format round-trips through a real file: export → write → read → import gives identical segments. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInterchange, writeInterchange, type InterchangeTrack } from '../../../src/main/core/export/interchange/index.js';
import { parseXml } from '../../../src/main/core/export/interchange/xml.js';
import { openStore } from '../../../src/main/core/store/index.js';
import { TagEditor } from '../../../src/main/core/tags/editor.js';
import { parseSource, TagInterchange } from '../../../src/main/core/tags/interchange.js';
import { INTERCHANGE_FORMATS, INTERCHANGE_EXTENSIONS } from '../../../src/shared/tagging/interchange.js';
import { sampleVideo, useTempDir } from '../store/helpers.js';

const sorted = (tracks: InterchangeTrack[]) =>
  tracks.map((t) => ({ name: t.name, segments: [...t.segments].sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame || a.label.localeCompare(b.label)) }));

const TRACKS: InterchangeTrack[] = [
  {
    name: 'Team A, "attack" & <press>',
    segments: [
      { label: 'pass', startFrame: 0, endFrame: 7 },
      { label: 'shot; on goal', startFrame: 5, endFrame: 31 }, // overlaps the pass
      { label: 'é → ü', startFrame: 89_999, endFrame: 90_001 },
    ],
  },
  { name: 'Team B', segments: [{ label: 'tackle', startFrame: 1, endFrame: 2 }] },
];

describe('track interchange formats', () => {
  const temp = useTempDir();

  for (const format of INTERCHANGE_FORMATS) {
    it(`${format}: a file written and read back holds identical tracks and segments (29.97 fps)`, () => {
      const file = path.join(temp.dir(), `tracks.${INTERCHANGE_EXTENSIONS[format]}`);
      writeFileSync(file, writeInterchange(format, { mediaFile: '/videos/match 1.mp4', fps: 30000 / 1001, tracks: TRACKS }));
      const back = readInterchange(format, readFileSync(file, 'utf8'), 30000 / 1001, 'fallback');
      expect(sorted(back)).toEqual(sorted(TRACKS));
    });
  }

  it('every format round-trips any segments at common frame rates (property)', () => {
    const segment = fc
      .record({ label: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0 && [...s].every((c) => c.codePointAt(0)! >= 32)), startFrame: fc.nat(500_000), length: fc.integer({ min: 1, max: 5000 }) })
      .map(({ label, startFrame, length }) => ({ label, startFrame, endFrame: startFrame + length }));
    fc.assert(
      fc.property(fc.constantFrom(...INTERCHANGE_FORMATS), fc.constantFrom(24, 25, 30000 / 1001, 50, 60, 120), fc.array(segment, { maxLength: 20 }), (format, fps, segments) => {
        const tracks = [{ name: 'T', segments }];
        const back = readInterchange(format, writeInterchange(format, { mediaFile: '/v.mp4', fps, tracks }), fps, 'T');
        expect(sorted(back).flatMap((t) => t.segments)).toEqual(sorted(tracks)[0]!.segments);
      }),
      { numRuns: 300 },
    );
  });

  it('EAF follows the 3.0 layout: header with media descriptor in ms, ascending time slots, one tier per track (+ overflow tiers for overlaps)', () => {
    const eaf = parseXml(writeInterchange('eaf', { mediaFile: '/videos/match 1.mp4', fps: 25, tracks: TRACKS }));
    expect(eaf.name).toBe('ANNOTATION_DOCUMENT');
    expect(eaf.attrs).toMatchObject({ FORMAT: '3.0', VERSION: '3.0', 'xsi:noNamespaceSchemaLocation': 'http://www.mpi.nl/tools/elan/EAFv3.0.xsd' });
    expect(eaf.children.map((c) => c.name)).toEqual(['HEADER', 'TIME_ORDER', 'TIER', 'TIER', 'TIER', 'LINGUISTIC_TYPE', 'CONSTRAINT', 'CONSTRAINT', 'CONSTRAINT', 'CONSTRAINT']);
    const header = eaf.children[0]!;
    expect(header.attrs.TIME_UNITS).toBe('milliseconds');
    expect(header.children[0]).toMatchObject({ name: 'MEDIA_DESCRIPTOR', attrs: { MEDIA_URL: 'file:///videos/match%201.mp4', MIME_TYPE: 'video/mp4', RELATIVE_MEDIA_URL: './match%201.mp4' } });
    const times = eaf.children[1]!.children.map((ts) => Number(ts.attrs.TIME_VALUE));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toContain(1240); // frame 31 at 25 fps
    expect(eaf.children.filter((c) => c.name === 'TIER').map((t) => t.attrs.TIER_ID)).toEqual(['Team A, "attack" & <press>', 'Team A, "attack" & <press> #2', 'Team B']);
  });

  it('Sportscode XML is the <file><ALL_INSTANCES><instance> edit list with ID, start, end, code, label, and ROWS', () => {
    const xml = parseXml(writeInterchange('sportscode', { mediaFile: '/v.mp4', fps: 25, tracks: TRACKS }, { pass: '#ff0000' }));
    const instance = xml.children[0]!.children[0]!;
    expect(instance.children.map((c) => c.name)).toEqual(['ID', 'start', 'end', 'code', 'label']);
    expect(instance.children.slice(0, 4).map((c) => c.text)).toEqual(['1', '0', '0.28', 'pass']);
    expect(xml.children[1]!.children[0]!.children.map((c) => c.text)).toEqual(['pass', '65535', '0', '0']);
  });

  it('a broken file is refused with a reason that does not quote it', () => {
    expect(() => readInterchange('eaf', '<ANNOTATION_DOCUMENT><TIER>secret</WRONG></ANNOTATION_DOCUMENT>', 25, 'x')).toThrow('a closing tag does not match its opening tag');
    expect(() => readInterchange('sportscode', '<file><ALL_INSTANCES><instance><start>3</start><end>2</end></instance></ALL_INSTANCES></file>', 25, 'x')).toThrow('instance 1 needs <start> and <end>');
    expect(() => readInterchange('csv', 'track,label\nsecret,x\n', 25, 'x')).toThrow('no "start_frame" column');
    expect(() => readInterchange('longomatch', 'Category;Name;Start;Stop\nA;b;0:00:02.000;0:00:01.000\n', 25, 'x')).toThrow('row 2');
    expect(() => readInterchange('json', '{"format":"actionlens-tracks","version":1,"tracks":[{"name":"a","segments":[{"label":"x","startFrame":3,"endFrame":3}]}]}', 25, 'x')).toThrow('"tracks.0.segments.0.endFrame" must be after startFrame');
  });

  it('exports a stored track in every format and imports each file as a new track with identical segments and a label set', async () => {
    const store = temp.track(openStore(path.join(temp.dir(), 'tags.db')));
    const video = store.videos.upsert(sampleVideo());
    const editor = new TagEditor(store);
    const interchange = new TagInterchange(store, editor);
    const track = editor.createTrack(video.id, 'Analyst');
    for (const [label, startFrame, endFrame] of [['pass', 0, 12], ['shot', 10, 40], ['pass', 200, 300]] as const) editor.edit(track.trackId, { op: 'create', label, startFrame, endFrame });
    const original = editor.segments(track.trackId).map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame }));
    for (const format of INTERCHANGE_FORMATS) {
      const { text, fileName } = interchange.export(parseSource(`track:${track.trackId}`), format);
      expect(fileName).toBe(`a.Analyst.${INTERCHANGE_EXTENSIONS[format]}`);
      const file = path.join(temp.dir(), fileName);
      writeFileSync(file, text);
      const [imported] = await interchange.import(video.id, file, format, `from ${format}`);
      const state = editor.state(imported!);
      expect(state.name).toBe(`from ${format}`);
      expect(state.segments.map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame }))).toEqual(original);
      expect(state.labels.map((l) => [l.name, l.hotkey])).toEqual([['pass', '1'], ['shot', '2']]);
    }
    await expect(interchange.import(video.id, path.join(temp.dir(), 'x.txt'))).rejects.toThrow('cannot tell the format');
    expect(parseSource('7')).toEqual({ runId: 7 });
    expect(() => parseSource('track:x')).toThrow('is not a run id or track:<id>');
  });
});
