/**
 * The skeleton families' input variants (models/training/train_skeleton.py): weights saved from
 * each variant load back as that variant ([Note: window anchor]), with the same outputs, and the
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
for family in ("pose-stgcn", "pose-two-stream"):
    for variant in ("frame", "anchored"):
        m = build(family, 11, variant).eval()
        torch.save(m.state_dict(), "${dir}/w.pt")
        back = load(family, 11, "${dir}/w.pt").eval()
        with torch.no_grad():
            res[family + "/" + variant] = {"arch": architecture(family, back), "diff": float((m(kp, fps) - back(kp, fps)).abs().max())}
print(json.dumps(res))`;
    const result = spawnSync(PYTHON, ['-c', code], { cwd: path.join(REPO, 'models/training'), encoding: 'utf8' });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as Record<string, { arch: string; diff: number }>;
    expect(out).toMatchObject({
      'pose-stgcn/frame': { arch: 'st-gcn-coco17-spatial' },
      'pose-stgcn/anchored': { arch: 'st-gcn-coco17-spatial-anchored' },
      'pose-two-stream/frame': { arch: 'pose-two-stream-tcn-late-fusion' },
      'pose-two-stream/anchored': { arch: 'pose-two-stream-tcn-late-fusion-anchored' },
    });
    for (const [name, v] of Object.entries(out)) expect(v.diff, name).toBeLessThan(1e-6);
  }, 120_000);
});
