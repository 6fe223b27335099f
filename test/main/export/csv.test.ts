import { describe, expect, it } from 'vitest';
import { collectText, csvField, formatFramesCsv, formatSegmentsCsv, type ExportSegment } from '../../../src/main/core/export/index.js';

/** A strict RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) field += ch;
    else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  expect(quoted).toBe(false);
  expect(field + record.join('')).toBe(''); // the text ends with a newline
  return records;
}

const segments: ExportSegment[] = [
  { label: 'walk', classIndex: 0, startFrame: 0, endFrame: 31, startSec: 0, endSec: 1.0333333333, confidence: Math.fround(0.81) },
  { label: 'pick up, "carefully"', classIndex: 3, startFrame: 31, endFrame: 40, startSec: 1.0333333333, endSec: 4 / 3, confidence: 0.5 },
  { label: 'line\nbreak', classIndex: null, startFrame: 50, endFrame: 60, startSec: 50 / 30, endSec: 2, confidence: null },
];

describe('csvField', () => {
  it.each([
    ['walk', 'walk'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [' padded ', ' padded '],
    ['', ''],
    // Spreadsheet formulas are shown, not run (CSV injection); numbers stay numbers.
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlabel', "'\tlabel"],
    ['-0.25', '-0.25'],
    ['+3e-5', '+3e-5'],
  ])('%j → %j', (input, output) => expect(csvField(input)).toBe(output));
});

describe('formatSegmentsCsv', () => {
  it('writes seconds, frames (end exclusive), label and confidence, readable back field for field', () => {
    const text = collectText(formatSegmentsCsv(segments, { video: 'match, day 1.mp4', model: 'cnn-lstm@1' }));
    expect(text.split('\n')[0]).toBe('video,model,start_sec,end_sec,start_frame,end_frame,label,confidence');
    expect(text.split('\n')[1]).toBe('"match, day 1.mp4",cnn-lstm@1,0,1.033333,0,31,walk,0.81');
    expect(parseCsv(text)).toEqual([
      ['video', 'model', 'start_sec', 'end_sec', 'start_frame', 'end_frame', 'label', 'confidence'],
      ['match, day 1.mp4', 'cnn-lstm@1', '0', '1.033333', '0', '31', 'walk', '0.81'],
      ['match, day 1.mp4', 'cnn-lstm@1', '1.033333', '1.333333', '31', '40', 'pick up, "carefully"', '0.5'],
      ['match, day 1.mp4', 'cnn-lstm@1', '1.666667', '2', '50', '60', 'line\nbreak', ''],
    ]);
  });

  it('writes only the header when there are no segments', () => {
    expect(collectText(formatSegmentsCsv([], { video: 'v', model: 'm' }))).toBe('video,model,start_sec,end_sec,start_frame,end_frame,label,confidence\n');
  });

  it('streams: pulls one segment per line from an endless source', () => {
    function* endless(): Generator<ExportSegment> {
      for (let i = 0; ; i++) yield { label: 'walk', startFrame: i, endFrame: i + 1, startSec: i, endSec: i + 1, confidence: 1 };
    }
    const lines = formatSegmentsCsv(endless(), { video: 'v', model: 'm' });
    const firstThree = [lines.next().value, lines.next().value, lines.next().value];
    expect(firstThree[2]).toBe('v,m,1,2,1,2,walk,1\n');
  });
});

describe('formatFramesCsv', () => {
  it('writes label/probability pairs most probable first, leaving missing ranks empty', () => {
    const frames = [
      { frame: 0, timeSec: 0, labels: ['walk', 'run', 'jump'], probabilities: [0.7, 0.2, 0.1] },
      { frame: 1, timeSec: 1 / 30, labels: ['run', 'walk'], probabilities: [0.6, 0.4] },
    ];
    expect(parseCsv(collectText(formatFramesCsv(frames, { video: 'v.mp4', model: 'm', topK: 3 })))).toEqual([
      ['video', 'model', 'frame', 'time_sec', 'label_1', 'prob_1', 'label_2', 'prob_2', 'label_3', 'prob_3'],
      ['v.mp4', 'm', '0', '0', 'walk', '0.7', 'run', '0.2', 'jump', '0.1'],
      ['v.mp4', 'm', '1', '0.033333', 'run', '0.6', 'walk', '0.4', '', ''],
    ]);
  });

  it('refuses to write a non-finite number rather than "NaN"', () => {
    const frames = [{ frame: 0, timeSec: Number.NaN, labels: ['walk'], probabilities: [1] }];
    expect(() => collectText(formatFramesCsv(frames, { video: 'v', model: 'm', topK: 1 }))).toThrow(/non-finite/);
  });
});
