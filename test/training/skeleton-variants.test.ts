/**
 * pose-stgcn's input variants and training options (models/training): each variant's weights load
 * back as that variant, bones follow the COCO-17 tree towards the hips, and the weight average
 * ([Note: weight average]) blends weights and norm statistics rather than copying either end.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;

/** Runs Python in models/training and returns what it printed as JSON. */
function python(code: string): unknown {
  const result = spawnSync(PYTHON, ['-c', code], { cwd: path.join(REPO, 'models/training'), encoding: 'utf8' });
  expect(result.status, result.stderr.slice(-2000)).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
}

describe.skipIf(!hasTorch)(`pose-stgcn variants${hasTorch ? '' : ' (skipped: /usr/bin/python3 cannot import torch and numpy: apt-get install python3-torch python3-numpy)'}`, () => {
  it('every input variant saved and loaded again is the same variant with the same outputs', () => {
    const dir = tmpDir('stgcn-variants');
    const out = python(`
import json, torch
from train_skeleton import STGCN_INPUTS, build, load, architecture
torch.manual_seed(0)
kp = torch.rand(2, 32, 17, 3) * torch.tensor([640.0, 480.0, 1.0]); fps = torch.tensor([30.0, 12.5])
res = {}
for name in STGCN_INPUTS:
    m = build("pose-stgcn", 11, name).eval()
    torch.save(m.state_dict(), "${dir}/" + name + ".pt")
    back = load("pose-stgcn", 11, "${dir}/" + name + ".pt").eval()
    with torch.no_grad():
        res[name] = {"arch": architecture("pose-stgcn", back), "diff": float((m(kp, fps) - back(kp, fps)).abs().max())}
print(json.dumps(res))`) as Record<string, { arch: string; diff: number }>;
    expect(Object.keys(out).sort()).toEqual(['anchored', 'bones', 'frame']);
    expect(out.frame!.arch).toBe('st-gcn-coco17-spatial');
    expect(out.anchored!.arch).toBe('st-gcn-coco17-spatial-anchored');
    expect(out.bones!.arch).toBe('st-gcn-coco17-spatial-anchored-bones');
    for (const v of Object.values(out)) expect(v.diff).toBeLessThan(1e-6);
  }, 120_000);

  it('each bone runs from a joint to its neighbour one hop nearer the hips, and is zero when either end is unseen', () => {
    const out = python(`
import json, torch
from skeleton_nets import BONES, bone_parents, bone_vectors
parents = bone_parents()
edges = {frozenset(b) for b in BONES}
joints = torch.zeros(1, 1, 17, 3); joints[..., :2] = torch.arange(34.0).view(17, 2); joints[..., 2] = 0.9
joints[0, 0, 7, 2] = 0.0  # left elbow unseen: its bone and the left wrist's are both zero
v = bone_vectors(joints)[0, 0]
print(json.dumps({"parents": parents, "adjacent": [frozenset((j, p)) in edges for j, p in enumerate(parents)],
  "elbow": v[7].tolist(), "wrist": v[9].tolist(), "shoulder": v[5].tolist(), "knee": (v[13] - (joints[0, 0, 13, :2] - joints[0, 0, 11, :2])).abs().max().item()}))`) as {
      parents: number[];
      adjacent: boolean[];
      elbow: number[];
      wrist: number[];
      shoulder: number[];
      knee: number;
    };
    expect(out.parents[11]).toBe(12);
    expect(out.parents[12]).toBe(11);
    expect(out.adjacent.every(Boolean)).toBe(true);
    // Following parents from any joint reaches the hips.
    for (let j = 0; j < 17; j++) {
      let k = j;
      for (let hop = 0; hop < 17 && k !== 11 && k !== 12; hop++) k = out.parents[k]!;
      expect([11, 12], `joint ${j}`).toContain(k);
    }
    expect(out.elbow).toEqual([0, 0]);
    expect(out.wrist).toEqual([0, 0]);
    expect(out.shoulder.some((x) => x !== 0)).toBe(true);
    expect(out.knee).toBeLessThan(1e-6);
  }, 60_000);

  it("the weight average blends the weights and the norms' running statistics of the steps it saw", () => {
    const out = python(`
import json, torch
from train_skeleton import weight_average
net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
assert weight_average(net, 0.0) is None
avg = weight_average(net, 0.9)
start = net[0].weight.detach().clone()
avg.update_parameters(net)
with torch.no_grad():
    net[0].weight.add_(1.0); net[1].running_mean.fill_(4.0)
avg.update_parameters(net)
w = avg.module[0].weight - start
print(json.dumps({"w": w.flatten().tolist(), "mean": avg.module[1].running_mean.tolist()}))`) as { w: number[]; mean: number[] };
    // The decay warms up: after one step min(0.9, 2/11) of the old weights stay.
    for (const x of out.w) expect(x).toBeCloseTo(9 / 11, 5);
    for (const x of out.mean) expect(x).toBeCloseTo(4 * (9 / 11), 5);
  }, 60_000);
});
