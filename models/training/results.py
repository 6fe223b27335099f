#!/usr/bin/python3
"""Writes models/RESULTS.md from every trained family's metrics.json (all on the same test split).

    /usr/bin/python3 models/training/results.py
"""
from __future__ import annotations

import json
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1]
ORDER = ["framewise", "cnn-lstm", "cnn-gru", "3d-cnn", "two-stream"]
SKELETON_ORDER = ["pose-framewise", "pose-gru", "pose-lstm", "pose-stgcn", "pose-3dcnn", "pose-two-stream"]


def pct(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def confusion_table(classes: list[str], matrix: list[list[int]]) -> list[str]:
    short = [c[:8] for c in classes]
    lines = ["| true \\ predicted | " + " | ".join(short) + " |", "|---" * (len(classes) + 1) + "|"]
    lines += [f"| {classes[i]} | " + " | ".join(str(v) for v in row) + " |" for i, row in enumerate(matrix)]
    return lines


def claims(found: dict) -> list[str]:
    """The course's claims, checked against these numbers (so the verdicts stay true when models change)."""
    def pair(f: str, name: str):
        return found[f]["temporal_pairs"][name]["clip_top1"] if f in found else None

    lines = ["## The claims, tested", ""]
    if "framewise" in found:
        base = pair("framewise", "sit_down/stand_up")
        temporal = [(f, pair(f, "sit_down/stand_up")) for f in ("cnn-lstm", "cnn-gru", "3d-cnn", "two-stream") if f in found]
        better = [f"{f} {v:.1f}%" for f, v in temporal if v is not None and v > base + 10]
        worse = [f"{f} {v:.1f}%" for f, v in temporal if v is not None and v <= base + 10]
        lines.append(
            f"- *The frame-by-frame CNN fails on the time-reversal pair; models of time separate it.* sit_down/stand_up clips: "
            f"framewise {base:.1f}% (two classes: 50% is a coin). Separated (over 10 points above framewise): {', '.join(better) or 'none'}"
            + (f"; not: {', '.join(worse)}." if worse else ".")
        )
    motion = {f: (pair(f, "sit_down/stand_up"), pair(f, "fall")) for f in ORDER if f in found}
    if "two-stream" in motion:
        score = {f: (a + b) / 2 for f, (a, b) in motion.items() if a is not None and b is not None}
        best = max(score, key=score.get)
        verdict = "holds" if best == "two-stream" else f"does not hold here: {best} is strongest"
        lines.append(
            "- *Two-stream is strongest where motion decides* (mean of sit_down/stand_up and fall clip top-1): "
            + ", ".join(f"{f} {v:.1f}%" for f, v in score.items()) + f". The claim {verdict}."
        )
    aims = [f"{f} {found[f]['clip_top1']:.1f}%" for f in ("cnn-lstm", "3d-cnn") if f in found]
    met = all(found[f]["clip_top1"] >= 90 for f in ("cnn-lstm", "3d-cnn") if f in found)
    lines.append(f"- *Aim: cnn-lstm and 3d-cnn at 90% clip top-1 or better.* Measured: {', '.join(aims)}: {'met' if met else 'not met'}.")
    return lines


def real_dev(found: dict) -> list[str]:
    """The app's own real-footage check (metrics.json `realDevEval`, record_realdev_eval.py), RGB and skeleton families."""
    rows = [f for f in ORDER + SKELETON_ORDER if f in found and "realDevEval" in found[f]]
    if not rows:
        return []
    classes = sorted({c for f in rows for c in found[f]["realDevEval"]["perClass"]})
    lines = ["## Real footage: real-dev through `actionlens eval`", "",
             "24 short clips of real people (../shared/real-dev; validation only, never trained on), one label each, scored by",
             "the app's own eval (default post-processing; skeleton families: the video's Lightning pose run, each tracked person",
             "through the model, frame rows the maximum over people). Recorded with `models/training/record_realdev_eval.py`.", "",
             "| family | input | clips | clip top-1 | mean class acc | " + " | ".join(classes) + " |",
             "|---" * (5 + len(classes)) + "|"]
    for f in rows:
        r = found[f]["realDevEval"]
        kind = "keypoints" if f.startswith("pose-") else "RGB"
        lines.append(f"| {f} | {kind} | {r['clips']} | {pct(r['clipTop1'])} | {pct(r['meanClassAccuracy'])} | "
                     + " | ".join(pct(r["perClass"].get(c)) for c in classes) + " |")
    support = found[rows[0]]["realDevEval"].get("support", {})
    counts = ", ".join(f"{c} {support[c]}" for c in classes if c in support)
    lines += ["", f"Per class: recall on that class's clips (%). Clips per class: {counts}; with so few, one clip moves a class by "
              f"{100 / max(support.values()):.0f}–{100 / min(support.values()):.0f} points." if support else "", ]
    return lines


def main() -> None:
    found = {d.name: json.loads((d / "metrics.json").read_text()) for d in MODELS.iterdir() if (d / "metrics.json").exists()}
    families = [f for f in ORDER if f in found]
    classes = json.loads((MODELS / families[0] / "manifest.json").read_text())["labels"] if families else []
    lines = [
        "# Default models: results",
        "",
        "All families on the same held-out test split of the generated dataset (rendered figures, not real",
        "footage). Reproduce: the commands in each model's MODEL_CARD.md, then `/usr/bin/python3 models/training/results.py`.",
        "Clip metrics: the mean of a model's per-frame probabilities over the clip, labelled as the app labels frames.",
        "Sequence metrics: per-frame argmax, no smoothing (MS-TCN's frame accuracy, edit score, F1@{10,25,50}).",
        "",
        "| family | params | train min | clip top-1 | mean class acc | sit/stand clips | fall clips | frame acc | edit | F1@10 | F1@25 | F1@50 | sit/stand frames |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in families:
        m = found[f]
        seg = m.get("segmentation", {})
        pairs = m["temporal_pairs"]
        lines.append(
            f"| {f} | {m['params']:,} | {m['minutes']:.0f} | {pct(m['clip_top1'])} | {pct(m['clip_mean_class_accuracy'])} | "
            f"{pct(pairs['sit_down/stand_up']['clip_top1'])} | {pct(pairs['fall']['clip_top1'])} | {pct(seg.get('frame_accuracy'))} | "
            f"{pct(seg.get('edit'))} | {pct(seg.get('f1@10'))} | {pct(seg.get('f1@25'))} | {pct(seg.get('f1@50'))} | "
            f"{pct(pairs['sit_down/stand_up'].get('frame_accuracy'))} |"
        )
    if "two-stream" in found:
        lines += ["", "two-stream's training minutes exclude computing the optical flow of the 2,200 dataset clips once "
                  "(flow_cache.py, cached beside the dataset: about 20 minutes on the 2 cores, shared with other work)."]
    lines += ["", *claims(found)]
    realdev = real_dev(found)
    if realdev:
        lines += ["", *realdev]
    missing = [f for f in ORDER if f not in found]
    if missing:
        lines += ["", f"Not trained yet: {', '.join(missing)}."]
    for f in families:
        lines += ["", f"## Confusion matrix: {f} (test clips)", "", *confusion_table(classes, found[f]["confusion"])]
    (MODELS / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {MODELS / 'RESULTS.md'} ({', '.join(families) or 'no trained families'})")


if __name__ == "__main__":
    main()
