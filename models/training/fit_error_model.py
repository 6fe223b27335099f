#!/usr/bin/python3
"""Measures the pose estimator's error on rendered clips, against the renderer's true joints: the
numbers the error model (skeleton_noise.py) is set from.

    npm run dataset -- --out RGB_DIR --clips 44 --sequences 0 --seed 21 --max-size 320x240
    node --import tsx models/skeleton/keypoints-cli.ts --out KP_DIR --model lightning RGB_DIR/*/clips
    /usr/bin/python3 models/training/fit_error_model.py --data RGB_DIR --keypoints KP_DIR --out models/skeleton/error-model.json

Per COCO body joint: the mean offset along the body axis and across it (torso lengths), the
frame-to-frame jitter after removing each clip's mean offset, how often a joint is far off
(> 0.5 torso lengths: a drop-out), how often left and right are swapped, the scores of good and
bad joints, and how often the person is lost (mean score < 0.2) while upright and while lying."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

# Renderer joints (models/dataset/skeleton.ts JOINT_NAMES) → COCO indices.
RENDER_TO_COCO = {2: 5, 3: 7, 4: 9, 5: 6, 6: 8, 7: 10, 8: 11, 9: 13, 10: 15, 11: 12, 12: 14, 13: 16}
NAMES = {5: "shoulder", 7: "elbow", 9: "wrist", 11: "hip", 13: "knee", 15: "ankle"}
PAIRS = [(5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--keypoints", required=True)
    p.add_argument("--out")
    args = p.parse_args()
    along, across, jitter, far = {}, {}, {}, {}
    good_s, bad_s, swaps, lost_up, lost_lying = [], [], [], [], []
    for kp_file in sorted(Path(args.keypoints).glob("*.json")):
        item_file = next(Path(args.data).glob(f"*/clips/{kp_file.stem}.json"))
        item = json.loads(item_file.read_text())
        est = np.array(json.loads(kp_file.read_text())["keypoints"], np.float64)  # T,17,3
        truth_r = np.array(item["joints"], np.float64) * [item["width"], item["height"]]  # T,14,2
        n = min(len(est), len(truth_r))
        est, truth_r = est[:n], truth_r[:n]
        truth = np.zeros((n, 17, 2))
        for r, c in RENDER_TO_COCO.items():
            truth[:, c] = truth_r[:, r]
        sh, hp = truth[:, [5, 6]].mean(1), truth[:, [11, 12]].mean(1)
        axis = sh - hp
        torso = np.linalg.norm(axis, axis=1, keepdims=True).clip(1e-6)
        up = axis / torso
        perp = np.stack([-up[:, 1], up[:, 0]], 1)
        lying = np.abs(up[:, 0]) > 0.7
        person = est[:, :, 2].mean(1) >= 0.2
        lost_up.extend(~person[~lying])
        lost_lying.extend(~person[lying])
        ok = person & ~lying
        if ok.sum() < 5:
            continue
        for a, b in PAIRS:
            d_same = np.linalg.norm(est[ok, a, :2] - truth[ok, a], axis=1) + np.linalg.norm(est[ok, b, :2] - truth[ok, b], axis=1)
            d_swap = np.linalg.norm(est[ok, a, :2] - truth[ok, b], axis=1) + np.linalg.norm(est[ok, b, :2] - truth[ok, a], axis=1)
            swaps.extend((d_swap < 0.7 * d_same).tolist())
        for c in RENDER_TO_COCO.values():
            err = (est[ok, c, :2] - truth[ok, c]) / torso[ok]
            al, ac = (err * up[ok]).sum(1), (err * perp[ok]).sum(1)
            big = np.hypot(al, ac) > 0.5
            key = NAMES.get(c, NAMES.get(c - 1))
            far.setdefault(key, []).extend(big.tolist())
            good_s.extend(est[ok, c, 2][~big].tolist())
            bad_s.extend(est[ok, c, 2][big].tolist())
            if (~big).sum() >= 3:
                along.setdefault(key, []).append(al[~big].mean())
                across.setdefault(key, []).append(np.abs(ac[~big].mean()))
                jitter.setdefault(key, []).append(np.hypot(al[~big] - al[~big].mean(), ac[~big] - ac[~big].mean()).mean())
    fit = {
        "joints": {k: {"offset_along_axis": round(float(np.mean(along[k])), 3), "offset_across_abs": round(float(np.mean(across[k])), 3),
                       "jitter": round(float(np.mean(jitter[k])), 3), "far_off_rate": round(float(np.mean(far[k])), 3)} for k in along},
        "swap_rate": round(float(np.mean(swaps)), 3),
        "score_good": [round(float(q), 2) for q in np.percentile(good_s, [10, 50, 90])],
        "score_far_off": [round(float(q), 2) for q in np.percentile(bad_s, [10, 50, 90])] if bad_s else None,
        "lost_rate_upright": round(float(np.mean(lost_up)), 3),
        "lost_rate_lying": round(float(np.mean(lost_lying)), 3) if lost_lying else None,
        "frames_lying": len(lost_lying),
        "units": "torso lengths (shoulder midpoint to hip midpoint of the renderer's joints); axis = hips → shoulders",
    }
    print(json.dumps(fit, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(fit, indent=2) + "\n")


if __name__ == "__main__":
    main()
