/**
 * The skeleton families' input variants (models/training/train_skeleton.py): weights saved from
 * each variant (and pose-two-stream's width) load back as that variant ([Note: window anchor]), with the same outputs, and the
 * architecture recorded in the manifest names the variant (its model card describes it by that name).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTorch)(`skeleton input variants${hasTorch ? '' : ' (skipped: /usr/bin/python3 cannot import torch and numpy: apt-get install python3-torch python3-numpy)'}`, () => {
  it('every variant saved and loaded again is the same variant with the same outputs', () => {
    const dir = tmpDir('skeleton-variants');
    const code = `
import json, torch
from train_skeleton import build, load, architecture
torch.manual_seed(0)
kp = torch.rand(2, 32, 17, 3) * torch.tensor([640.0, 480.0, 1.0]); fps = torch.tensor([30.0, 12.5])
res = {}
for family, variant, width in [(f, v, 128) for f in ("pose-stgcn", "pose-two-stream") for v in ("frame", "anchored")] + [("pose-two-stream", "anchored", 64)]:
    m = build(family, 11, variant, width).eval()
    torch.save(m.state_dict(), "${dir}/w.pt")
    back = load(family, 11, "${dir}/w.pt").eval()
    with torch.no_grad():
        res[family + "/" + variant + ("" if width == 128 else f"/{width}")] = {"arch": architecture(family, back), "diff": float((m(kp, fps) - back(kp, fps)).abs().max())}
print(json.dumps(res))`;
    const result = spawnSync(PYTHON, ['-c', code], { cwd: path.join(REPO, 'models/training'), encoding: 'utf8' });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as Record<string, { arch: string; diff: number }>;
    expect(out).toMatchObject({
      'pose-stgcn/frame': { arch: 'st-gcn-coco17-spatial' },
      'pose-stgcn/anchored': { arch: 'st-gcn-coco17-spatial-anchored' },
      'pose-two-stream/frame': { arch: 'pose-two-stream-tcn-late-fusion' },
      'pose-two-stream/anchored': { arch: 'pose-two-stream-tcn-late-fusion-anchored' },
      'pose-two-stream/anchored/64': { arch: 'pose-two-stream-tcn64-late-fusion-anchored' },
    });
    for (const [name, v] of Object.entries(out)) expect(v.diff, name).toBeLessThan(1e-6);
  }, 120_000);

  it('--ema keeps a moving average of the weights and of the BatchNorm statistics ([Note: weight averaging])', () => {
    const code = `
import json, torch
from train_skeleton import build, averaged
m = build("pose-two-stream", 11, "anchored", 64)
avg = averaged(m, 0.75)
avg.update_parameters(m)  # the first update copies
w0, rm0 = m.motion.net[0].weight.detach().clone(), m.motion.net[1].running_mean.clone()
with torch.no_grad():
    m.motion.net[0].weight.add_(4.0); m.motion.net[1].running_mean.add_(8.0)
avg.update_parameters(m)  # then 0.75 · average + 0.25 · current
a = avg.module.motion.net
print(json.dumps({"weight": float((a[0].weight - w0 - 1.0).abs().max()), "runningMean": float((a[1].running_mean - rm0 - 2.0).abs().max()),
                  "off": averaged(m, 0.0) is None}))`;
    const result = spawnSync(PYTHON, ['-c', code], { cwd: path.join(REPO, 'models/training'), encoding: 'utf8' });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as { weight: number; runningMean: number; off: boolean };
    expect(out.weight).toBeLessThan(1e-5);
    expect(out.runningMean).toBeLessThan(1e-5);
    expect(out.off).toBe(true);
  }, 120_000);
});
