/**
 * The presets' data, typed. Each `documented` string quotes its source's transform; `manifest` is a
 * manifest without schemaVersion, id, name, version and labels. models/presets/presets.json is
 * generated from this file (npm run schema) for the Python exporter.
 */
import type { z } from 'zod';
import type { manifestSchema } from '../../../../shared/manifest.js';

/** A manifest as a preset writes it: everything but what the imported model names itself. */
export type PresetManifest = Omit<z.input<typeof manifestSchema>, 'schemaVersion' | 'id' | 'name' | 'version' | 'labels'>;
type Preprocess = NonNullable<PresetManifest['preprocess']>;

export interface PresetData {
  description: string;
  source: string;
  documented: string;
  labels: 'kinetics400';
  manifest: PresetManifest;
}

/** torchvision's Kinetics-400 video transform (r3d_18, mc3_18, r2plus1d_18): resize to 128×171, centre crop 112. */
const TORCHVISION_112: Preprocess = { width: 112, height: 112, resize: 'direct-crop', resizeWidth: 171, resizeHeight: 128, cropOffset: 'round-half-even', interpolation: 'bilinear', colorOrder: 'RGB', valueRange: '0-1', mean: [0.43216, 0.394666, 0.37645], std: [0.22803, 0.22145, 0.216989] };
/** torchvision's S3D transform: the same normalisation, resize to 256×256, centre crop 224. */
const TORCHVISION_S3D: Preprocess = { width: 224, height: 224, resize: 'direct-crop', resizeWidth: 256, resizeHeight: 256, cropOffset: 'round-half-even', interpolation: 'bilinear', colorOrder: 'RGB', valueRange: '0-1', mean: [0.43216, 0.394666, 0.37645], std: [0.22803, 0.22145, 0.216989] };
/** torchvision's MViT V2 transform: short side 256, centre crop 224, mean/std 0.45/0.225. */
const MVIT: Preprocess = { width: 224, height: 224, resize: 'short-side-crop', shortSide: 256, cropOffset: 'round-half-even', interpolation: 'bilinear', colorOrder: 'RGB', valueRange: '0-1', mean: [0.45, 0.45, 0.45], std: [0.225, 0.225, 0.225] };
/** torchvision's Swin3D transform: short side 256, centre crop 224, ImageNet mean/std. */
const SWIN: Preprocess = { width: 224, height: 224, resize: 'short-side-crop', shortSide: 256, cropOffset: 'round-half-even', interpolation: 'bilinear', colorOrder: 'RGB', valueRange: '0-1', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
/** MMAction2's data preprocessor in 0-255 RGB: Resize(-1, 256), CenterCrop(224). */
const MMACTION2: Preprocess = { width: 224, height: 224, resize: 'short-side-crop', shortSide: 256, cropOffset: 'floor', interpolation: 'bilinear', colorOrder: 'RGB', valueRange: '0-255', mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] };

export const PRESETS: Record<string, PresetData> = {
  r3d_18: {
    description: 'ResNet3D-18, 3D convolutions throughout',
    source: 'torchvision.models.video.r3d_18 (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(112, 112), resize_size=(128, 171)); evaluated at frame_rate=15, clip_len=16',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'r3d_18',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 16, 112, 112], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 16, frameInterval: 2, targetFps: 15 },
      preprocess: TORCHVISION_112,
    },
  },
  mc3_18: {
    description: 'Mixed-convolution ResNet-18 (3D early, 2D late)',
    source: 'torchvision.models.video.mc3_18 (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(112, 112), resize_size=(128, 171)); evaluated at frame_rate=15, clip_len=16',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'mc3_18',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 16, 112, 112], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 16, frameInterval: 2, targetFps: 15 },
      preprocess: TORCHVISION_112,
    },
  },
  r2plus1d_18: {
    description: 'R(2+1)D-18, factorised spatial and temporal convolutions',
    source: 'torchvision.models.video.r2plus1d_18 (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(112, 112), resize_size=(128, 171)); evaluated at frame_rate=15, clip_len=16',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'r2plus1d_18',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 16, 112, 112], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 16, frameInterval: 2, targetFps: 15 },
      preprocess: TORCHVISION_112,
    },
  },
  s3d: {
    description: 'S3D, separable 3D Inception',
    source: 'torchvision.models.video.s3d (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(224, 224), resize_size=(256, 256)); evaluated at frame_rate=15, clip_len=128; needs at least 14 frames',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 's3d',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 128, 224, 224], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 128, frameInterval: 2, targetFps: 15 },
      preprocess: TORCHVISION_S3D,
    },
  },
  mvit_v2_s: {
    description: 'Multiscale Vision Transformer v2, small',
    source: 'torchvision.models.video.mvit_v2_s (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(224, 224), resize_size=(256,), mean=(0.45, 0.45, 0.45), std=(0.225, 0.225, 0.225)); evaluated at frame_rate=7.5, clip_len=16; exactly 16 frames',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'mvit_v2_s',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 16, 224, 224], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 16, frameInterval: 4, targetFps: 7.5 },
      preprocess: MVIT,
    },
  },
  swin3d_t: {
    description: 'Video Swin Transformer, tiny',
    source: 'torchvision.models.video.swin3d_t (Kinetics-400 weights)',
    documented: 'VideoClassification(crop_size=(224, 224), resize_size=(256,), mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)); evaluated at frame_rate=15, clip_len=32 (torchvision 0.15 or later)',
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'swin3d_t',
      inputs: { rgb: { name: 'video', layout: 'NCTHW', shape: ['batch', 3, 32, 224, 224], dtype: 'float32' } },
      output: { name: 'logits', kind: 'logits' },
      clip: { length: 32, frameInterval: 2, targetFps: 15 },
      preprocess: SWIN,
    },
  },
  'mmaction2-2d': {
    description: 'MMAction2 2D recognizer (TSN, TSM, …) exported by mmdeploy: segments of one clip as [batch, crops×segments, C, H, W]',
    source: 'mmdeploy video-recognition export of an MMAction2 Recognizer2D',
    documented: "mmdeploy input 'input' [batch, num_crops*num_segs, 3, H, W], output 'output' [batch, classes] (class scores averaged over segments; softmax with average_clips='prob'); MMAction2 data preprocessor mean (123.675, 116.28, 103.53), std (58.395, 57.12, 57.375) in 0-255 RGB; test pipeline Resize(-1, 256), CenterCrop(224)",
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'mmaction2-recognizer2d',
      inputs: { rgb: { name: 'input', layout: 'NSCHW', shape: ['batch', 8, 3, 224, 224], dtype: 'float32' } },
      output: { name: 'output', kind: 'probabilities' },
      clip: { length: 8, frameInterval: 8 },
      preprocess: MMACTION2,
    },
  },
  'mmaction2-3d': {
    description: 'MMAction2 3D recognizer (I3D, SlowOnly, X3D, …) exported by mmdeploy: [batch, crops, C, T, H, W]',
    source: 'mmdeploy video-recognition export of an MMAction2 Recognizer3D',
    documented: "mmdeploy input 'input' [batch, num_crops*num_clips, 3, T, H, W], output 'output' [batch, classes]; MMAction2 data preprocessor mean (123.675, 116.28, 103.53), std (58.395, 57.12, 57.375) in 0-255 RGB; test pipeline Resize(-1, 256), CenterCrop(224); ActionLens feeds one centre crop per clip",
    labels: 'kinetics400',
    manifest: {
      family: 'clip',
      architecture: 'mmaction2-recognizer3d',
      inputs: { rgb: { name: 'input', layout: 'NMCTHW', shape: ['batch', 1, 3, 32, 224, 224], dtype: 'float32' } },
      output: { name: 'output', kind: 'probabilities' },
      clip: { length: 32, frameInterval: 2 },
      preprocess: MMACTION2,
    },
  },
};
