import { describe, expect, it } from 'vitest';
import { FramePacker, planDecode } from '../../../src/main/core/analysis/preprocess.js';
import type { ModelManifest } from '../../../src/shared/manifest.js';

type Pre = NonNullable<ModelManifest['preprocess']>;

const base: Pre = {
  width: 4,
  height: 3,
  resize: 'stretch',
  interpolation: 'bilinear',
  colorOrder: 'RGB',
  valueRange: '0-1',
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** A frame whose every byte differs, so a wrong offset or channel shows. */
function frame(width: number, height: number): Uint8Array {
  return Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + 11) % 256);
}

/** The obvious per-pixel implementation the packer must agree with. */
function reference(pre: Pre, rgb: Uint8Array, sourceWidth: number, cropX: number, cropY: number): number[][] {
  const planes: number[][] = [[], [], []];
  for (let c = 0; c < 3; c++) {
    const source = pre.colorOrder === 'RGB' ? c : 2 - c;
    for (let y = 0; y < pre.height; y++) {
      for (let x = 0; x < pre.width; x++) {
        const byte = rgb[((y + cropY) * sourceWidth + (x + cropX)) * 3 + source]!;
        const value = pre.valueRange === '0-1' ? byte / 255 : byte;
        planes[c]!.push((value - pre.mean[c]!) / pre.std[c]!);
      }
    }
  }
  return planes;
}

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 4);
}

describe('planDecode', () => {
  it('stretch decodes straight to the model size', () => {
    expect(planDecode(base, { width: 1920, height: 1080 })).toEqual({ width: 4, height: 3, interpolation: 'bilinear', cropX: 0, cropY: 0 });
  });

  it('short-side-crop scales the short side, keeps the aspect and centres the crop', () => {
    const pre: Pre = { ...base, width: 112, height: 112, resize: 'short-side-crop', shortSide: 128 };
    expect(planDecode(pre, { width: 1920, height: 1080 })).toEqual({ width: 228, height: 128, interpolation: 'bilinear', cropX: 58, cropY: 8 });
    // Portrait: the width is the short side.
    expect(planDecode(pre, { width: 720, height: 1280 })).toEqual({ width: 128, height: 228, interpolation: 'bilinear', cropX: 8, cropY: 58 });
  });

  it('never decodes smaller than the crop', () => {
    const pre: Pre = { ...base, width: 32, height: 32, resize: 'short-side-crop', shortSide: 32 };
    expect(planDecode(pre, { width: 33, height: 32 })).toMatchObject({ width: 33, height: 32, cropX: 0 });
  });
});

describe('FramePacker', () => {
  it('packs RGB 0-1 with mean/std into channel planes (NCHW)', () => {
    const rgb = frame(4, 3);
    const packer = new FramePacker(base, planDecode(base, { width: 4, height: 3 }));
    const out = new Float32Array(3 * 12);
    packer.pack(rgb, out, 0, 12);
    expectClose(out, reference(base, rgb, 4, 0, 0).flat());
  });

  it('swaps to BGR with 0-255 values and per-channel mean/std in the model order', () => {
    const pre: Pre = { ...base, colorOrder: 'BGR', valueRange: '0-255', mean: [103.53, 116.28, 123.675], std: [57.375, 57.12, 58.395] };
    const rgb = frame(4, 3);
    const out = new Float32Array(36);
    new FramePacker(pre, planDecode(pre, { width: 4, height: 3 })).pack(rgb, out, 0, 12);
    expectClose(out, reference(pre, rgb, 4, 0, 0).flat());
    expect(out[0]).toBeCloseTo((rgb[2]! - 103.53) / 57.375, 4); // blue first
  });

  it('reads the centre crop of a larger decoded frame', () => {
    const pre: Pre = { ...base, resize: 'short-side-crop', shortSide: 5 };
    const plan = planDecode(pre, { width: 70, height: 50 }); // decoded 7x5, crop 4x3 at (1, 1)
    expect(plan).toMatchObject({ width: 7, height: 5, cropX: 1, cropY: 1 });
    const rgb = frame(7, 5);
    const out = new Float32Array(36);
    new FramePacker(pre, plan).pack(rgb, out, 0, 12);
    expectClose(out, reference(pre, rgb, 7, 1, 1).flat());
  });

  it('places a frame at time t of an NCTHW clip: planes T×H×W apart, the rest untouched', () => {
    const T = 3;
    const plane = 12;
    const packer = new FramePacker(base, planDecode(base, { width: 4, height: 3 }));
    const out = new Float32Array(3 * T * plane).fill(99);
    const rgb = frame(4, 3);
    packer.pack(rgb, out, 1 * plane, T * plane);
    const planes = reference(base, rgb, 4, 0, 0);
    for (let c = 0; c < 3; c++) {
      expectClose(out.subarray((c * T + 1) * plane, (c * T + 2) * plane), planes[c]!);
      expect([...out.subarray(c * T * plane, (c * T + 1) * plane)].every((v) => v === 99)).toBe(true);
    }
  });
});
