#!/usr/bin/python3
"""Writes models/SKELETON-RESULTS.md from the skeleton families' metrics.json: the synthetic test split
and, where recorded (models/skeleton/realdev-cli.ts --record), real-dev.

    /usr/bin/python3 models/training/skeleton_results.py
"""
from __future__ import annotations

import json
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1]
ORDER = ["pose-framewise", "pose-gru", "pose-lstm", "pose-stgcn", "pose-3dcnn", "pose-two-stream"]


def folder(family: str) -> Path | None:
    """models/<family>, where the registry lists the trained skeleton families; None when not trained."""
    d = MODELS / family
    return d if (d / "metrics.json").exists() else None


# History that metrics.json of the last run does not hold.
LINEAGE = {
    "pose-framewise": "Before (session 4): 479 steps under a wall-clock budget on a loaded machine (61.2% synthetic test, real-dev "
                      "54.2% top-1 / 56.1% mean class through the app's eval). This run (session 6): 3000 steps on one core, chosen on "
                      "validation (78.5% against the old weights' 60.9%); real-dev, measured after, fell to 45.5% mean class.",
    "pose-lstm": "Before (session 4): 298 steps under a wall-clock budget on a loaded machine, skel-v1 (68.4% synthetic test, "
                 "real-dev 58.3% / 69.7% through the app's eval). This run (session 6): 1500 steps on skel-v2, one core, chosen on "
                 "validation (83.9% against the old weights' 70.9%); real-dev 62.5% / 66.7%.",
    "pose-two-stream": "Before: session 4, 745 steps under a wall-clock budget on a loaded machine (82.6% synthetic test, real-dev "
                       "54.2% / 59.1% through the app's eval); session 6, 3000 steps on one core (89.5% test, real-dev 58.3% / "
                       "60.6%); session 7, the window-anchored joints in the position stream ([Note: window anchor]) and 12,000 "
                       "steps (92.9% test, real-dev 66.7% / 66.7%); session 8, the same with 32,000 steps (52 min; validation on "
                       "all 990 clips 95.0%, test 94.7%, real-dev 62.5% / 65.2%), chosen over 24,000 steps (94.7%; test 94.6%), "
                       "256 channels per stream at 20,000 steps (94.7%; test 95.2%) and 64-frame windows (commit 12a83c7, no gain). "
                       "This run (session 9): 256 channels per stream (1.5 M parameters), 20,000 steps, 51 min on one core, "
                       "validated and kept as the moving average of the weights (--ema 0.999, [Note: weight averaging]); chosen "
                       "among every run so far on all 990 validation clips: 95.15%, against session 8's 95.0%, 94.7% for the same "
                       "run without the average and 94.65% for the average at 128 channels and 32,000 steps (test 94.7%). "
                       "The margins are one or two clips of 990. real-dev, measured after the choice: 70.8% / 75.8%. The same "
                       "recipe with seeds 2 and 3 (run after the choice, as a measurement, not as candidates): validation 95.05% "
                       "and 94.65%, test 94.6% and 94.1%; over the three seeds test is 94.6% ± 0.5: the shipped weights reach "
                       "the 95% goal, the recipe does not reliably.",
    "pose-3dcnn": "Before (session 4): 1200 steps, 14 min on a loaded machine (80.1% synthetic test, real-dev 79.2% / 71.2% "
                  "through the app's eval). This run (session 7): 5000 steps, 42 min on one core, chosen on validation (85.2% "
                  "on the same 330 clips against the old weights' 81.5%). real-dev, measured after: through the app's eval it "
                  "fell to 70.8% / 66.7% (it loses one wave and one fall clip; kick, sit_down and stand_up stay wrong); the "
                  "one-person check in this table rose to 75.0% / 75.8%.",
    "pose-gru": "Before (session 4): 694 steps, 18 min on skel-v1, then resumed for 301 steps on skel-v2 (82.5% synthetic test, "
                "real-dev 66.7% / 69.7% through the app's eval). This run (session 6): 3000 steps from scratch on skel-v2, one core, "
                "chosen on validation (90.0% against the old weights' 81.8%); real-dev 66.7% / 71.2%.",
    "pose-stgcn": "Before: session 4, 1000 steps then resumed for 400 (84.9% synthetic test; real-dev 79.2% top-1 / 77.3% mean "
                  "class); session 5, 2400 steps from scratch (88.1% test, chosen at 91.8% on 110 validation clips, 88.2% on the 220 "
                  "used now; real-dev 83.3% / 81.8%). This run (session 6): 3600 steps with the window-anchored input ([Note: window "
                  "anchor]), chosen at 92.7% on 220 validation clips. Its control, the same run without that input (`--stgcn-input "
                  "frame`, same seed and steps, in parallel on the other core): validation 91.4%, test 91.2%, walk 65.6% against "
                  "92.2% and 80.0%. A session-5 run with `--tracking-share 0.3` ([Note: tracking shots]) was not kept. real-dev "
                  "decided nothing: it was measured after each choice. Session 7 tried three more things on the same data and "
                  "seed; none beat 92.7% on validation, so these weights stay: a moving average of the weights (decay 0.999; "
                  "best validation 91.8%; session 6's run had 90.9% and 92.7% at the same steps) and the same with bone vectors as "
                  "two more node channels (2s-AGCN's bone stream, early fused; 90.5%), both stopped by hand after 3,300 and "
                  "3,200 of 3,600 steps, as they ran 13% slower and would have met the 60-minute guard; and, on these weights, mirrored test-time "
                  "augmentation (test 92.5%) or averaging with pose-two-stream and pose-gru (93.2%). Commit 655e2bf holds "
                  "the first two.",
}


def pct(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def resumed(family: str) -> bool:
    manifest = json.loads((folder(family) / "manifest.json").read_text())
    return bool(manifest.get("training", {}).get("resumed"))


def main() -> None:
    found = {f: json.loads((folder(f) / "metrics.json").read_text()) for f in ORDER if folder(f)}
    lines = [
        "# Skeleton families: results",
        "",
        "Action models over one person's COCO-17 keypoints (MoveNet), trained only on synthetic motion",
        "(`npm run dataset:skeleton`, passed through the fitted estimator error model). Reproduce: the commands in each",
        "model's MODEL_CARD.md, `node --import tsx models/skeleton/realdev-cli.ts --keypoints CACHE --record models/pose-*`,",
        "then `/usr/bin/python3 models/training/skeleton_results.py`.",
        "",
        "**Synthetic test split** (held out; error model at mixed 5–60 fps; clip label = argmax of the mean per-frame",
        "probabilities). **real-dev**: 24 real clips, validation only (never trained on); one to six clips per class.",
        "",
        "| family | data | params | train min | steps | synth clip top-1 | synth mean class | sit/stand clips | fall clips | exact joints top-1 | seq frame acc | real-dev top-1 | real-dev mean class |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f, m in found.items():
        rd = m.get("realDev", {})
        tp = m["temporal_pairs"]
        data = m["data"]["command"].split("--out ")[-1].split(" ")[0].rstrip("/").split("/")[-1]
        lines.append(f"| {f} | {data}{' (resumed)' if resumed(f) else ''} | {m['params']:,} | {m['minutes']:.0f} | {m['steps']} | {pct(m['clip_top1'])} | {pct(m['clip_mean_class_accuracy'])} | "
                     f"{pct(tp['sit_down/stand_up']['clip_top1'])} | {pct(tp['fall']['clip_top1'])} | {pct(m['exact_joints_30fps']['clip_top1'])} | "
                     f"{pct(m.get('segmentation', {}).get('frame_accuracy'))} | {pct(rd.get('clipTop1'))} | {pct(rd.get('meanClassAccuracy'))} |")
    lines += ["", "Notes:"]
    for f, m in found.items():
        where = folder(f).relative_to(MODELS.parent)
        run = (f"{m['steps']} of {m['plannedSteps']} planned steps, stopped by {m['stoppedBy']}" if "plannedSteps" in m
               else f"{m['steps']} steps, wall-clock budget (before step-based training)")
        best = m.get("bestEpoch")
        kept = f", weights kept from epoch {best['epoch']} (synthetic validation {best['valClipTop1']:.1f}%)" if best else ""
        threads = m["versions"].get("threads", "?")
        lines.append(f"- {f} (`{where}`): {run}{kept}, {threads} thread(s).{' ' + LINEAGE[f] if f in LINEAGE else ''}")
    lines += [
        "- *resumed*: continued from the previous run's weights; steps and minutes count the last run only.",
        "- skel-v1 and skel-v2 differ only in the camera sampler (skel-v2: mostly static cameras), so their test splits differ.",
        "- Sessions 6 and 7 trained every family again, at most two runs at a time on the 2 cores, one torch thread each (a",
        "  ST-GCN step is as fast on 1 thread as on 2).",
        "- Weights are chosen on the synthetic validation split only, and a new run replaced the shipped model only where it",
        "  scored higher on the same validation clips; real-dev was measured after each choice.",
    ]
    classes = list(next(iter(found.values()))["per_class"]) if found else []
    lines += ["", "## real-dev per class (clip accuracy, %)", "", "| family | " + " | ".join(classes) + " |", "|---" * (len(classes) + 1) + "|"]
    for f, m in found.items():
        per = m.get("realDev", {}).get("perClass", {})
        lines.append(f"| {f} | " + " | ".join(pct(per.get(c)) for c in classes) + " |")
    lines += ["", "## Synthetic test per class (clip accuracy, %)", "", "| family | " + " | ".join(classes) + " |", "|---" * (len(classes) + 1) + "|"]
    for f, m in found.items():
        lines.append(f"| {f} | " + " | ".join(pct(m["per_class"].get(c)) for c in classes) + " |")
    viewed = {f: m["byView"] for f, m in found.items() if "byView" in m}
    if viewed:
        lines += ["", "## Synthetic test by camera view (clip top-1, %; walk in brackets)", "",
                  "Side: walking across the picture; front/back: towards or away from the camera (`skeleton_views.py`, all 990 test clips).", "",
                  "| family | side, exact | side, error model | oblique, exact | oblique, error model | front/back, exact | front/back, error model |", "|---|---|---|---|---|---|---|"]
        for f, v in viewed.items():
            cells = [f"{pct(v[name][kind]['top1'])} ({pct(v[name][kind]['per_class'].get('walk'))})" for name in ("side", "oblique", "front/back") for kind in ("exact", "error model")]
            lines.append(f"| {f} | " + " | ".join(cells) + " |")
    (MODELS / "SKELETON-RESULTS.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {MODELS / 'SKELETON-RESULTS.md'} ({len(found)} families)")


if __name__ == "__main__":
    main()
