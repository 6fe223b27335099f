"""ONNX export (opset 17), manifest v1 (src/shared/manifest.ts) and the model card."""
from __future__ import annotations

import json
from pathlib import Path

import torch

from data import MEAN, STD
from nets import FEATURE_DIM

OPSET = 17
SIZE = 112


def preprocess_manifest() -> dict:
    return {
        "width": SIZE, "height": SIZE, "resize": "stretch", "interpolation": "bilinear",
        "colorOrder": "RGB", "valueRange": "0-1", "mean": list(MEAN), "std": list(STD),
    }


def export_onnx(module: torch.nn.Module, args: tuple, file: Path, inputs: list[str], outputs: list[str], dynamic: dict) -> None:
    module.eval()
    file.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(module, args, str(file), opset_version=OPSET, input_names=inputs, output_names=outputs, dynamic_axes=dynamic, do_constant_folding=True)


def export_framewise(module, out: Path) -> dict:
    export_onnx(module, (torch.zeros(1, 3, SIZE, SIZE),), out / "model.onnx", ["rgb"], ["logits"], {"rgb": {0: "batch"}, "logits": {0: "batch"}})
    return {
        "family": "frame-classifier",
        "inputs": {"rgb": {"name": "rgb", "layout": "NCHW", "shape": ["batch", 3, SIZE, SIZE], "dtype": "float32"}},
        "output": {"name": "logits", "kind": "logits"},
    }


def export_recurrent(module, cell: str, out: Path) -> dict:
    state = torch.zeros(1, 1, FEATURE_DIM)
    names = ["rgb", "h0", "c0"] if cell == "lstm" else ["rgb", "h0"]
    outs = ["logits", "hn", "cn"] if cell == "lstm" else ["logits", "hn"]
    args = (torch.zeros(1, 4, 3, SIZE, SIZE), state, state) if cell == "lstm" else (torch.zeros(1, 4, 3, SIZE, SIZE), state)
    dynamic = {"rgb": {1: "time"}, "logits": {1: "time"}}
    export_onnx(module, args, out / "model.onnx", names, outs, dynamic)
    states = [{"input": "h0", "output": "hn", "shape": [1, 1, FEATURE_DIM]}]
    if cell == "lstm":
        states.append({"input": "c0", "output": "cn", "shape": [1, 1, FEATURE_DIM]})
    return {
        "family": "recurrent",
        "inputs": {"rgb": {"name": "rgb", "layout": "NTCHW", "shape": [1, "time", 3, SIZE, SIZE], "dtype": "float32"}, "state": states},
        "output": {"name": "logits", "kind": "logits"},
    }


def export_clip(module, length: int, interval: int, out: Path) -> dict:
    export_onnx(module, (torch.zeros(1, 3, length, SIZE, SIZE),), out / "model.onnx", ["clip"], ["logits"], {"clip": {0: "batch"}, "logits": {0: "batch"}})
    return {
        "family": "clip",
        "inputs": {"rgb": {"name": "clip", "layout": "NCTHW", "shape": ["batch", 3, length, SIZE, SIZE], "dtype": "float32"}},
        "output": {"name": "logits", "kind": "logits"},
        "clip": {"length": length, "frameInterval": interval},
    }


def export_two_stream(module, length: int, interval: int, flow: dict, out: Path) -> dict:
    channels = 2 * flow["pairs"]
    args = (torch.zeros(1, 3, SIZE, SIZE), torch.zeros(1, channels, SIZE, SIZE))
    dynamic = {"rgb": {0: "batch"}, "flow": {0: "batch"}, "probabilities": {0: "batch"}}
    export_onnx(module, args, out / "model.onnx", ["rgb", "flow"], ["probabilities"], dynamic)
    return {
        "family": "two-stream",
        "inputs": {
            "rgb": {"name": "rgb", "layout": "NCHW", "shape": ["batch", 3, SIZE, SIZE], "dtype": "float32"},
            "flow": {"name": "flow", "layout": "NCHW", "shape": ["batch", channels, SIZE, SIZE], "dtype": "float32"},
        },
        "output": {"name": "probabilities", "kind": "probabilities"},
        "clip": {"length": length, "frameInterval": interval},
        "flow": flow,
    }


def write_manifest(out: Path, model_id: str, name: str, architecture: str, classes: list[str], family_part: dict, training: dict) -> dict:
    manifest = {
        "schemaVersion": 1, "id": model_id, "name": name, "version": "1", "architecture": architecture,
        "labels": classes, **family_part, "preprocess": preprocess_manifest(), "training": training,
    }
    order = ["schemaVersion", "id", "name", "version", "family", "architecture", "labels", "inputs", "output", "clip", "preprocess", "flow", "training"]
    manifest = {k: manifest[k] for k in order if k in manifest}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest
