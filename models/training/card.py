"""MODEL_CARD.md for a trained default model."""
from __future__ import annotations

from pathlib import Path

DESCRIPTIONS = {
    "framewise": "A 2D CNN (6 conv layers, 24→128 channels, 112x112 input) that classifies every frame on its own: the frame-by-frame baseline. Trained with an auxiliary joint-heatmap head (not exported) so that it learns to find the figure.",
    "cnn-lstm": "The framewise CNN (frozen) feeding a one-layer LSTM (128 units) over time, many-to-many: a label for every frame, streamed causally with h and c carried from chunk to chunk. Trained with truncated backpropagation through time (64-frame chunks).",
    "cnn-gru": "As cnn-lstm with a GRU (128 units) instead of the LSTM: fewer parameters, one state tensor.",
    "3d-cnn": "A mixed 2D/3D CNN in the MC style of Tran et al. (2018): 2D kernels at high resolution, 3x3x3 kernels on the smaller maps, over 16-frame clips sampled every 2nd frame; initialised by inflating the trained framewise CNN (I3D-style).",
    "two-stream": "Two streams fused late (Simonyan & Zisserman, 2014): the framewise CNN (frozen) on the centre frame of a window of 6 frames sampled every 2nd frame, and a temporal 2D CNN (5 conv layers, mean+max pooled) on the stacked Farneback optical flow of the window's 5 frame pairs (10 channels, 112x112, clipped to ±10 px; the app computes the same flow with OpenCV.js). The output is a weighted mean of the two streams' probabilities, the weight chosen on the validation split.",
}


def pct(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


def write_card(out: Path, family: str, manifest: dict, params: int, minutes: float, report: dict, data: dict) -> None:
    seg = report.get("segmentation", {})
    pairs = report["temporal_pairs"]
    guard = "" if data["stopped_by"] == "steps" else f" (stopped early by the {data['stopped_by']})"
    lines = [
        f"# {manifest['name']} (`{manifest['id']}`)",
        "",
        "**Trained on rendered figures, not on footage of real people.** It knows the eleven default classes as",
        "ActionLens's own generator draws them (../shared/specs/actions.md). Expect it to be wrong on real video;",
        "bring a model trained on real footage for that (see the README, model import).",
        "",
        "## Architecture",
        DESCRIPTIONS[family],
        "",
        f"- family `{manifest['family']}`, {params:,} parameters, ONNX opset 17, input {manifest['preprocess']['width']}x{manifest['preprocess']['height']} RGB (stretched), mean/std {manifest['preprocess']['mean']}/{manifest['preprocess']['std']} on 0–1 values",
        "",
        "## Data",
        f"- generator `actionlens-figures` v{data['generator']}, seed {data['seed']}, fingerprint `{data['fingerprint']}`",
        f"- {data['train_clips']} training clips and {data['train_sequences']} training sequence videos; evaluated on the held-out test split ({report['clips']} clips, {report.get('sequences', 0)} sequences)",
        f"- command: `{data['command']}`",
        "",
        "## Training",
        f"- {data['train_steps']} optimiser steps{guard}, {minutes:.1f} minutes on a 2-core CPU (Debian's PyTorch 1.13), seed {data['train_seed']}",
        f"- command: `{data['train_command']}`",
        "",
        "## Accuracy (test split)",
        "| metric | value |",
        "| --- | --- |",
        f"| clip top-1 | {pct(report['clip_top1'])} |",
        f"| clip mean class accuracy | {pct(report['clip_mean_class_accuracy'])} |",
        f"| sit_down / stand_up clips, top-1 | {pct(pairs['sit_down/stand_up']['clip_top1'])} |",
        f"| fall clips, top-1 | {pct(pairs['fall']['clip_top1'])} |",
        f"| sequence frame accuracy | {pct(seg.get('frame_accuracy'))} |",
        f"| sequence edit score | {pct(seg.get('edit'))} |",
        f"| sequence F1@10 / 25 / 50 | {pct(seg.get('f1@10'))} / {pct(seg.get('f1@25'))} / {pct(seg.get('f1@50'))} |",
        f"| sit_down / stand_up frames in sequences | {pct(pairs['sit_down/stand_up'].get('frame_accuracy'))} |",
        "",
        "The confusion matrix is in `metrics.json`; models/RESULTS.md compares the families.",
        "",
        "## Intended use and limits",
        "- One of the default models of a fresh install, so a new user sees per-frame labels at once, and a reference for",
        "  comparing model families on the same data.",
        "- One person, seen from the side or up to 45°; not trained for crowds, occlusion, or camera views from above.",
        "- Not for decisions about people. Security review with it means reviewing what it flags, and what it does not.",
    ]
    (out / "MODEL_CARD.md").write_text("\n".join(lines) + "\n")
