"""ONNX export (opset 17) and manifest of the skeleton families.

Manifest: schema v1 with a `keypoints` input instead of `rgb` (proposed extension, see
models/pose-gru/MODEL_CARD.md): layout NTVC (batch, time, keypoint, channel), channels x, y in
video pixels and the estimator's score, COCO-17 order (src/shared/pose.ts); an `fps` input (the
video's frame rate); recurrent families carry `pose_state` (previous centre, scale, visibility)
besides h (and c), all zeros for a video's first chunk. No `preprocess`: the graph normalises."""
from __future__ import annotations

import json
from pathlib import Path

import torch

from skeleton_features import STATE_SIZE
from skeleton_nets import CLIP_LENGTH, HIDDEN, RecurrentExport

OPSET = 17
KEYPOINTS = {"format": "coco-17", "channels": ["x", "y", "score"], "units": "video-pixels", "minScore": 0.2,
             "absent": "a frame where the person is not found has every score 0 (positions ignored)"}


def _export(module, args, file: Path, inputs, outputs, dynamic) -> None:
    module.eval()
    file.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(module, args, str(file), opset_version=OPSET, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, do_constant_folding=True)


def export_family(family: str, model: torch.nn.Module, out: Path) -> dict:
    kp_shape_clip = ["batch", CLIP_LENGTH, 17, 3]
    if family in ("pose-gru", "pose-lstm"):
        cell = family.split("-")[1]
        shipped = RecurrentExport(model)
        h = torch.zeros(1, 1, HIDDEN)
        args = (torch.zeros(1, 8, 17, 3), torch.tensor([30.0]), torch.zeros(1, STATE_SIZE), h) + ((h,) if cell == "lstm" else ())
        names = ["keypoints", "fps", "pose_state", "h0"] + (["c0"] if cell == "lstm" else [])
        outs = ["logits", "pose_state_out", "hn"] + (["cn"] if cell == "lstm" else [])
        _export(shipped, args, out / "model.onnx", names, outs, {"keypoints": {1: "time"}, "logits": {1: "time"}})
        states = [{"input": "pose_state", "output": "pose_state_out", "shape": [1, STATE_SIZE]}, {"input": "h0", "output": "hn", "shape": [1, 1, HIDDEN]}]
        if cell == "lstm":
            states.append({"input": "c0", "output": "cn", "shape": [1, 1, HIDDEN]})
        return {"family": "recurrent",
                "inputs": {"keypoints": {"name": "keypoints", "layout": "NTVC", "shape": [1, "time", 17, 3], "dtype": "float32"},
                           "fps": {"name": "fps", "shape": [1]}, "state": states},
                "output": {"name": "logits", "kind": "logits"}}
    if family == "pose-framewise":
        _export(model, (torch.zeros(1, 17, 3),), out / "model.onnx", ["keypoints"], ["logits"], {"keypoints": {0: "batch"}, "logits": {0: "batch"}})
        return {"family": "frame-classifier",
                "inputs": {"keypoints": {"name": "keypoints", "layout": "NVC", "shape": ["batch", 17, 3], "dtype": "float32"}},
                "output": {"name": "logits", "kind": "logits"}}
    kind = "probabilities" if family == "pose-two-stream" else "logits"
    _export(model, (torch.zeros(2, CLIP_LENGTH, 17, 3), torch.tensor([30.0, 30.0])), out / "model.onnx", ["keypoints", "fps"], [kind],
            {"keypoints": {0: "batch"}, "fps": {0: "batch"}, kind: {0: "batch"}})
    return {"family": "clip",
            "inputs": {"keypoints": {"name": "keypoints", "layout": "NTVC", "shape": kp_shape_clip, "dtype": "float32"},
                       "fps": {"name": "fps", "shape": ["batch"]}},
            "output": {"name": kind, "kind": kind},
            "clip": {"length": CLIP_LENGTH, "frameInterval": 1, "window": "causal: the window ends at the labelled frame; before the first frame the first frame repeats"}}


def write_manifest(out: Path, model_id: str, name: str, architecture: str, classes: list[str], part: dict, training: dict) -> dict:
    manifest = {"schemaVersion": 1, "id": model_id, "name": name, "version": "1", "family": part["family"], "architecture": architecture,
                "labels": classes, "inputs": part["inputs"], "output": part["output"], **({"clip": part["clip"]} if "clip" in part else {}),
                "keypoints": KEYPOINTS, "training": training}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest
