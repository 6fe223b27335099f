import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { VideoProbe } from '../../../src/shared/media.js';
import type { NewModel, NewVideo, Store } from '../../../src/main/core/store/index.js';

/** A fresh temp folder per test, removed afterwards along with any stores left open. */
export function useTempDir(): { dir: () => string; track: (store: Store) => Store } {
  let dir = '';
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  return {
    dir: () => (dir ||= mkdtempSync(path.join(tmpdir(), 'actionlens-store-'))),
    track: (store) => {
      stores.push(store);
      return store;
    },
  };
}

export function sampleProbe(file: string, overrides: Partial<VideoProbe['video']> = {}): VideoProbe {
  return {
    file,
    sizeBytes: 1_000_000,
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSec: 10,
    bitRate: 800_000,
    video: {
      codec: 'h264',
      profile: 'High',
      pixelFormat: 'yuv420p',
      width: 1920,
      height: 1080,
      displayWidth: 1080,
      displayHeight: 1920,
      rotation: 90,
      rFrameRate: { num: 30, den: 1 },
      avgFrameRate: { num: 30, den: 1 },
      fps: 30,
      variableFrameRate: false,
      frameCount: 300,
      frameCountSource: 'container',
      ...overrides,
    },
    audio: null,
  };
}

export function sampleVideo(file = path.resolve('/videos/a.mp4'), fingerprint = 'fp-a'): NewVideo {
  return { path: file, sizeBytes: 1_000_000, mtimeMs: 1_700_000_000_123.5, fingerprint, probe: sampleProbe(file) };
}

export function sampleModel(id = 'cnn-lstm@1'): NewModel {
  const [family = id, version = '1'] = id.split('@');
  return {
    id,
    family,
    version,
    name: `Model ${id}`,
    manifest: { classes: ['walk', 'run', 'jump'], input: { size: 224 } },
    path: path.resolve(`/models/${family}.onnx`),
    sha256: 'a'.repeat(64),
    classCount: 3,
  };
}
