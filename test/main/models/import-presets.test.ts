/**
 * Every preset architecture that can be exported here imports with `--preset` alone: torchvision's
 * video models through models/export/export_torchvision.py (random weights, fixed seed), and
 * MMAction2's two export signatures through stand-ins with mmdeploy's names and layouts
 * (models/export/mmaction2_standin.py), which the engine then runs on a real clip.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../../src/main/core/models/index.js';
import { tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from '../analysis/core.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const PYTHON = '/usr/bin/python3';
const CLIP = path.resolve(REPO, '../shared/corpus/mpeg4-mp3-320x240-25fps.avi');
const torchvisionVersion = spawnSync(PYTHON, ['-c', 'import torchvision; print(torchvision.__version__)'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const noTorch = torchvisionVersion === '' ? ' (skipped: /usr/bin/python3 has no torch/torchvision)' : '';
const hasSwin = spawnSync(PYTHON, ['-c', 'from torchvision.models.video import swin3d_t'], { stdio: 'ignore' }).status === 0;

const run = promisify(execFile);

/** Per architecture: the exporter's arguments and what the import must report. */
const TORCHVISION: { arch: string; extra: string[]; input: number[]; missing?: string }[] = [
  { arch: 'r3d_18', extra: [], input: [1, 3, 16, 112, 112] },
  { arch: 'mc3_18', extra: [], input: [1, 3, 16, 112, 112] },
  { arch: 'r2plus1d_18', extra: [], input: [1, 3, 16, 112, 112] },
  // The documented clip_len is 128; 16 frames (S3D needs 14 or more) keep the test light.
  { arch: 's3d', extra: ['--clip-length', '16'], input: [1, 3, 16, 224, 224] },
  { arch: 'mvit_v2_s', extra: [], input: [1, 3, 16, 224, 224] },
  { arch: 'swin3d_t', extra: [], input: [1, 3, 32, 224, 224], missing: hasSwin ? undefined : `torchvision ${torchvisionVersion} has no swin3d_t; it came in 0.15` },
];

describe.skipIf(noTorch !== '')(`presets${noTorch}`, () => {
  const cores = useTestCore();

  it('cover torchvision r3d_18, mc3_18, r2plus1d_18, s3d, mvit_v2_s, swin3d_t and MMAction2 2D and 3D exports', () => {
    expect(PRESET_NAMES).toEqual(['r3d_18', 'mc3_18', 'r2plus1d_18', 's3d', 'mvit_v2_s', 'swin3d_t', 'mmaction2-2d', 'mmaction2-3d']);
  });

  for (const { arch, extra, input, missing } of TORCHVISION) {
    it.skipIf(missing !== undefined)(`${arch}: exported by export_torchvision.py, imported with --preset ${arch}${missing ? ` (skipped: ${missing})` : ''}`, async () => {
      const dir = tmpDir(`preset-${arch}`);
      const importDir = path.join(dir, 'models');
      const exported = path.join(dir, arch);
      await run(PYTHON, ['models/export/export_torchvision.py', '--arch', arch, '--random-seed', '3', '--out', exported, ...extra], { cwd: REPO, timeout: 540_000 });
      const core = cores.open({ modelDirs: [importDir], shippedModelsDir: path.join(dir, 'shipped') });
      const result = await core.models.import({ modelFile: path.join(exported, 'model.onnx'), preset: arch }, importDir);
      expect(result.model).toMatchObject({ id: arch, architecture: arch, family: 'clip' });
      expect(result.model.labels).toHaveLength(400);
      expect(result.model.labels.slice(0, 2)).toEqual(['abseiling', 'air drumming']);
      expect(result.dryRun.inputs).toEqual({ video: input });
      expect(result.dryRun.outputs).toEqual({ logits: [1, 400] });
    }, 600_000);
  }

  it.skipIf(!existsSync(CLIP))(`MMAction2 2D and 3D exports: imported by preset, run by the engine on a real clip${existsSync(CLIP) ? '' : ` (skipped: ${CLIP} not found)`}`, async () => {
    const dir = tmpDir('preset-mmaction2');
    const importDir = path.join(dir, 'models');
    // A TSM-like [batch, 8 segments, 3, 224, 224] export and an I3D-like [batch, 1 crop, 3, 8 frames, 224, 224] one.
    await run(PYTHON, ['models/export/mmaction2_standin.py', '--kind', '2d', '--segments', '8', '--out', path.join(dir, 'tsm_k400')], { cwd: REPO, timeout: 120_000 });
    await run(PYTHON, ['models/export/mmaction2_standin.py', '--kind', '3d', '--clip-len', '8', '--out', path.join(dir, 'i3d_k400')], { cwd: REPO, timeout: 120_000 });
    await run(PYTHON, ['models/export/mmaction2_standin.py', '--kind', '3d', '--crops', '3', '--clip-len', '8', '--out', path.join(dir, 'three_crop')], { cwd: REPO, timeout: 120_000 });
    const core = cores.open({ modelDirs: [importDir], shippedModelsDir: path.join(dir, 'shipped') });

    const tsm = await core.models.import({ modelFile: path.join(dir, 'tsm_k400', 'model.onnx'), preset: 'mmaction2-2d' }, importDir);
    expect(tsm.model).toMatchObject({ id: 'tsm_k400', clip: { length: 8, frameInterval: 8 } });
    expect(tsm.dryRun.inputs).toEqual({ input: [1, 8, 3, 224, 224] });
    const i3d = await core.models.import({ modelFile: path.join(dir, 'i3d_k400', 'model.onnx'), preset: 'mmaction2-3d' }, importDir);
    expect(i3d.adopted).toEqual(['clip.length = 8 (the graph fixes its time axis)']);
    expect(i3d.dryRun.inputs).toEqual({ input: [1, 1, 3, 8, 224, 224] });
    // mmdeploy's three-crop test export fixes 3 crops; ActionLens feeds one centre crop.
    await expect(core.models.import({ modelFile: path.join(dir, 'three_crop', 'model.onnx'), preset: 'mmaction2-3d' }, importDir)).rejects.toMatchObject({
      field: 'inputs.rgb.shape.1',
      message: expect.stringContaining('inputs.rgb.shape.1: expected 1, found 3 in graph input "input"'),
    });

    const video = await addVideo(core, CLIP);
    for (const id of ['tsm_k400', 'i3d_k400']) {
      const job = await analyse(core, video.id, id);
      expect(job.state).toBe('completed');
      const { probs, classCount, frameCount } = core.store.predictions.readRange(job.runId!, 0, video.probe.video.frameCount);
      expect([classCount, frameCount]).toEqual([400, video.probe.video.frameCount]);
      for (let f = 0; f < frameCount; f += 37) expect(probs.subarray(f * 400, (f + 1) * 400).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  }, 300_000);
});
