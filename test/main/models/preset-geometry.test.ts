/** What the presets' preprocessing makes of real frame sizes: the decode plan reproduces each source's resize and crop. */
import { describe, expect, it } from 'vitest';
import { planDecode, roundHalfEven } from '../../../src/main/core/analysis/preprocess.js';
import { manifestConsistencyIssues, parseManifest, presetManifest } from '../../../src/main/core/models/index.js';
import type { ModelManifest } from '../../../src/shared/manifest.js';

const preset = (name: string) => parseManifest(presetManifest(name, { id: 'x' }).document, `preset ${name}`, '.');

describe('preset geometry', () => {
  it("rounds halves to even like Python's round()", () => {
    expect([0.5, 1.5, 2.5, 29.5, 28.5, 3.2, 3.7].map(roundHalfEven)).toEqual([0, 2, 2, 30, 28, 3, 4]);
  });

  it('torchvision VideoResNet: any frame to 171x128, then the 112 crop at int(round((171 − 112) / 2)) = 30', async () => {
    const pre = (await preset('r3d_18')).preprocess!;
    expect(planDecode(pre, { width: 340, height: 256 })).toEqual({ width: 171, height: 128, interpolation: 'bilinear', cropX: 30, cropY: 8 });
    expect(planDecode(pre, { width: 1920, height: 1080 })).toEqual({ width: 171, height: 128, interpolation: 'bilinear', cropX: 30, cropY: 8 });
  });

  it('torchvision MViT: short side to 256, centre 224 crop; MMAction2: the same with floor offsets', async () => {
    expect(planDecode((await preset('mvit_v2_s')).preprocess!, { width: 426, height: 240 })).toMatchObject({ width: 454, height: 256, cropX: 115, cropY: 16 });
    expect(planDecode((await preset('mmaction2-2d')).preprocess!, { width: 341, height: 256 })).toMatchObject({ width: 341, height: 256, cropX: 58, cropY: 16 });
    expect(planDecode((await preset('swin3d_t')).preprocess!, { width: 341, height: 256 })).toMatchObject({ cropX: 58 }); // round-half-even(58.5) = 58
  });

  it('S3D: 256x256 whatever the frame, then 224', async () => {
    expect(planDecode((await preset('s3d')).preprocess!, { width: 640, height: 360 })).toMatchObject({ width: 256, height: 256, cropX: 16, cropY: 16 });
  });

  it('clip models over segments (NSCHW) and crops (NMCTHW) check their segment, crop and time axes', async () => {
    const tsm = await preset('mmaction2-2d');
    const i3d = await preset('mmaction2-3d');
    const withShape = (m: ModelManifest, shape: (number | string)[]): ModelManifest => ({ ...m, inputs: { rgb: { ...m.inputs.rgb!, shape } } });
    expect(manifestConsistencyIssues(tsm)).toEqual([]);
    expect(manifestConsistencyIssues(i3d)).toEqual([]);
    expect(manifestConsistencyIssues(withShape(tsm, ['batch', 16, 3, 224, 224]))).toEqual([{ field: 'inputs.rgb.shape.1', message: 'is 16, expected 8 (clip.length)' }]);
    expect(manifestConsistencyIssues(withShape(i3d, ['batch', 3, 3, 32, 224, 224]))).toEqual([{ field: 'inputs.rgb.shape.1', message: 'is 3, expected 1 (one centre crop per clip)' }]);
    expect(manifestConsistencyIssues(withShape(i3d, ['batch', 1, 3, 16, 224, 224]))).toEqual([{ field: 'inputs.rgb.shape.3', message: 'is 16, expected 32 (clip.length)' }]);
  });
});
