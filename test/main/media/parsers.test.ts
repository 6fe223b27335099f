import { describe, expect, it } from 'vitest';
import { buildDecodeArgs, buildFilterChain } from '../../../src/main/core/media/decode-args.js';
import { resolveDecodeOptions } from '../../../src/main/core/media/decode-options.js';
import { parseFfmpegLogLine } from '../../../src/main/core/media/ffmpeg-log.js';
import { FrameAssembler } from '../../../src/main/core/media/frame-assembler.js';
import { FrameIndexer } from '../../../src/main/core/media/frame-indexer.js';
import { clockwiseRotation, FfprobeOutputSchema, parseRational } from '../../../src/main/core/media/probe-parse.js';

describe('parseFfmpegLogLine', () => {
  it('reads a showinfo frame line (ffmpeg 5.1, -loglevel level+info)', () => {
    const line =
      '[Parsed_showinfo_2 @ 0x56143ccbcb80] [info] n:   3 pts:   6144 pts_time:0.4     pos:    18081 fmt:rgb24 sar:5/4 s:32x24 i:P iskey:0 type:P ';
    expect(parseFfmpegLogLine(line)).toEqual({ kind: 'frame', n: 3, pts: 6144, ptsTime: 0.4 });
  });

  it('reads a frame line without the level tag and one without a pts', () => {
    expect(parseFfmpegLogLine('[Parsed_showinfo_0 @ 0x1] n:0 pts:0 pts_time:0 pos:48')).toMatchObject({ n: 0, pts: 0 });
    expect(parseFfmpegLogLine('[Parsed_showinfo_1 @ 0x1] [info] n:   7 pts:NOPTS pts_time:NOPTS pos: -1')).toEqual({
      kind: 'frame',
      n: 7,
      pts: null,
      ptsTime: null,
    });
  });

  it('reads the time base that makes pts exact', () => {
    const line = '[Parsed_showinfo_2 @ 0x56143ccbcb80] [info] config in time_base: 1/15360, frame_rate: 30/1';
    expect(parseFfmpegLogLine(line)).toEqual({ kind: 'timeBase', num: 1, den: 15360 });
  });

  it('reads error lines with and without a component prefix', () => {
    expect(parseFfmpegLogLine('[mov,mp4,m4a,3gp,3g2,mj2 @ 0x556af79ad940] [error] stream 0, offset 0xab35: partial file')).toEqual({
      kind: 'error',
      level: 'error',
      message: 'stream 0, offset 0xab35: partial file',
    });
    expect(parseFfmpegLogLine('[fatal] Conversion failed!')).toEqual({ kind: 'error', level: 'fatal', message: 'Conversion failed!' });
  });

  it('ignores everything else', () => {
    for (const line of [
      '[info] Stream mapping:',
      '[Parsed_showinfo_2 @ 0x1] [info] color_range:pc color_space:gbr',
      '[h264 @ 0x1] [warning] something odd',
      '',
    ]) {
      expect(parseFfmpegLogLine(line)).toBeNull();
    }
  });
});

describe('FrameAssembler', () => {
  it('cuts arbitrary chunks into whole frames that own their memory', () => {
    const assembler = new FrameAssembler(5);
    const frames: Buffer[] = [];
    const bytes = Buffer.from(Array.from({ length: 17 }, (_, i) => i));
    for (const [start, end] of [[0, 3], [3, 4], [4, 12], [12, 17]] as const) assembler.push(bytes.subarray(start, end), frames);
    expect(frames.map((f) => [...f])).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]]);
    expect(assembler.pendingBytes).toBe(2);
    expect(frames[0]!.byteOffset).toBe(0);
    expect(frames[0]!.buffer.byteLength).toBe(5);
  });
});

describe('FrameIndexer', () => {
  const cfr25 = (n: number): number => n / 25;

  it('numbers strided frames k*S from the file start', () => {
    const indexer = new FrameIndexer({ stride: 3, targetFps: null, startTime: 0, fps: 25 });
    expect([0, 3, 6].map((n) => indexer.next(cfr25(n)))).toEqual([0, 3, 6]);
  });

  it('places the first frame after a seek at round(pts * fps)', () => {
    const indexer = new FrameIndexer({ stride: 2, targetFps: null, startTime: 0.5, fps: 25 });
    expect(indexer.next(0.52)).toBe(13);
    expect(indexer.next(0.6)).toBe(15);
    expect(indexer.firstIndex).toBe(13);
    expect(indexer.lastIndex).toBe(15);
  });

  it('keeps the first frame at or after each 1/targetFps step', () => {
    const indexer = new FrameIndexer({ stride: 1, targetFps: 10, startTime: 0, fps: 25 });
    const kept = Array.from({ length: 25 }, (_, n) => indexer.next(cfr25(n))).filter((i) => i !== null);
    // Steps 0, 0.1, 0.2… → first 25 fps frame at or after each: ceil(k * 2.5).
    expect(kept).toEqual([0, 3, 5, 8, 10, 13, 15, 18, 20, 23]);
  });

  it('keeps one frame for a gap spanning several steps', () => {
    const indexer = new FrameIndexer({ stride: 1, targetFps: 10, startTime: 0, fps: 10 });
    expect([0, 0.05, 0.35, 0.4].map((t) => indexer.next(t))).toEqual([0, null, 2, 3]);
  });
});

describe('ffprobe output', () => {
  const stream = (extra: object) => FfprobeOutputSchema.parse({ streams: [{ index: 0, codec_type: 'video', ...extra }] }).streams[0]!;

  it('turns the counter-clockwise display matrix into clockwise degrees', () => {
    const rotation = (r: number) => clockwiseRotation(stream({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: r }] }));
    expect([0, -90, 90, 180, -180, 270, -270].map(rotation)).toEqual([0, 90, 270, 180, 180, 90, 270]);
    expect(rotation(-45)).toBe(0);
  });

  it('reads the legacy clockwise rotate tag', () => {
    expect(clockwiseRotation(stream({ tags: { rotate: '90' } }))).toBe(90);
  });

  it('parses rationals and keeps 0/0 as unknown', () => {
    expect(parseRational('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRational('0/0')).toEqual({ num: 0, den: 0 });
    expect(parseRational(undefined)).toEqual({ num: 0, den: 0 });
  });

  it('accepts numbers as strings, "N/A" and unknown fields', () => {
    const parsed = FfprobeOutputSchema.parse({
      streams: [{ index: 0, nb_frames: '45', duration: 'N/A', brand_new_field: { x: 1 } }],
      format: { duration: '1.96', bit_rate: 279221 },
    });
    expect(parsed.streams[0]).toMatchObject({ nb_frames: 45, duration: null, brand_new_field: { x: 1 } });
    expect(parsed.format).toMatchObject({ duration: 1.96, bit_rate: 279221 });
  });
});

describe('decode arguments', () => {
  const base = { width: 112, height: 112, resize: 'stretch', interpolation: 'bilinear', stride: 1 } as const;

  it('builds the filter chain for each option', () => {
    expect(buildFilterChain(base)).toBe('scale=112:112:flags=bilinear,showinfo=checksum=0');
    expect(buildFilterChain({ ...base, stride: 4, interpolation: 'area' })).toBe(
      "select='not(mod(n\\,4))',scale=112:112:flags=area,showinfo=checksum=0",
    );
    expect(buildFilterChain({ ...base, resize: 'cover', interpolation: 'bicubic' })).toBe(
      'scale=112:112:force_original_aspect_ratio=increase:flags=bicubic,crop=112:112,showinfo=checksum=0',
    );
  });

  it('seeks on the input, keeps every frame as decoded and writes RGB24 to stdout', () => {
    const options = resolveDecodeOptions({ width: 8, height: 8, startTime: 1.5, maxFrames: 3 });
    const args = buildDecodeArgs({ options, file: '/v/a b.mp4', hwaccel: true }).join(' ');
    expect(args).toContain('-hwaccel auto -ss 1.500000 -copyts -start_at_zero -i /v/a b.mp4 -map 0:V:0');
    expect(args).toContain('-fps_mode passthrough -frames:v 3 -f rawvideo -pix_fmt rgb24 pipe:1');
  });

  it('rejects invalid options, naming the field', () => {
    expect(() => resolveDecodeOptions({ width: 0, height: 8 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'width' }));
    expect(() => resolveDecodeOptions({ width: 8, height: 8, stride: 2, targetFps: 5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'targetFps' }),
    );
  });
});

describe('FrameIndexer with the container frame times', () => {
  it('numbers frames by their pts, so a frame ffmpeg skipped leaves its index out instead of shifting the rest', async () => {
    const { FrameIndexer } = await import('../../../src/main/core/media/frame-indexer.js');
    const frameTimes = Array.from({ length: 10 }, (_, i) => i / 25);
    const indexer = new FrameIndexer({ stride: 1, targetFps: null, startTime: 0, fps: 25, frameTimes });
    const delivered = [0, 1, 2, 4, 5, 9].map((i) => indexer.next(i / 25 + 1e-7));
    expect(delivered).toEqual([0, 1, 2, 4, 5, 9]);
    expect(indexer.totalFrames()).toBe(10);
  });

  it('a damaged first frame is a gap too; without frame times frames are counted as before', async () => {
    const { FrameIndexer } = await import('../../../src/main/core/media/frame-indexer.js');
    const frameTimes = Array.from({ length: 5 }, (_, i) => 0.04 + i / 25); // first frame at 0.04 s (an AVI)
    const gapped = new FrameIndexer({ stride: 1, targetFps: null, startTime: 0, fps: 25, frameTimes });
    expect([2, 3].map((i) => gapped.next(0.04 + i / 25))).toEqual([2, 3]);
    const counted = new FrameIndexer({ stride: 1, targetFps: null, startTime: 0, fps: 25 });
    expect([2, 3].map((i) => counted.next(0.04 + i / 25))).toEqual([0, 1]);
    expect(counted.totalFrames()).toBeNull();
  });
});
