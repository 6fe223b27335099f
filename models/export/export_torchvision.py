"""Export a torchvision video model with its weights to ONNX plus an ActionLens manifest.

    /usr/bin/python3 models/export/export_torchvision.py --arch r3d_18 --weights my_r3d.pth --out ~/r3d
    actionlens models add ~/r3d/model.onnx --manifest ~/r3d/manifest.json

The manifest is the import preset of the same name (models/presets/presets.json, generated from
src/main/core/models/presets by `npm run schema`): torchvision's documented transform for the
architecture. --weights takes a state_dict (or a checkpoint holding one under "state_dict" or
"model"); a model fine-tuned on other classes gives its labels with --labels (one per line).
--random-seed exports random weights instead (tests: no pretrained weights can be downloaded here).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import torch
import torchvision
from torchvision.models import video

PRESETS_FILE = Path(__file__).resolve().parent.parent / "presets" / "presets.json"
OPSET = 17
ARCHITECTURES = ("r3d_18", "mc3_18", "r2plus1d_18", "s3d", "mvit_v2_s", "swin3d_t")


def load_presets() -> dict:
    return json.loads(PRESETS_FILE.read_text())["presets"]


def build_model(arch: str, num_classes: int, weights: Path | None, seed: int | None) -> torch.nn.Module:
    """The architecture with the given weights, or random weights drawn after torch.manual_seed(seed)."""
    if not hasattr(video, arch):
        sys.exit(f"torchvision {torchvision.__version__} has no video model {arch!r} (swin3d_t needs torchvision 0.15 or later)")
    if seed is not None:
        torch.manual_seed(seed)
    model = getattr(video, arch)(weights=None, num_classes=num_classes)
    if weights is not None:
        state = torch.load(weights, map_location="cpu")
        for key in ("state_dict", "model"):
            if isinstance(state, dict) and key in state and isinstance(state[key], dict):
                state = state[key]
        state = {k.removeprefix("module."): v for k, v in state.items()}
        missing, unexpected = model.load_state_dict(state, strict=False)
        if missing or unexpected:
            sys.exit(f"{weights}: does not fit {arch} with {num_classes} classes (missing {missing[:5]}, unexpected {unexpected[:5]})")
    return model.eval()


def manifest_for(preset: dict, model_id: str, name: str, labels: list[str], clip_length: int, provenance: dict) -> dict:
    manifest = json.loads(json.dumps(preset["manifest"]))
    rgb = manifest["inputs"]["rgb"]
    rgb["shape"][rgb["layout"].index("T")] = clip_length
    manifest["clip"]["length"] = clip_length
    return {"schemaVersion": 1, "id": model_id, "name": name, "version": "1", **manifest, "labels": labels, "training": provenance}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arch", required=True, choices=ARCHITECTURES)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--weights", type=Path, help="state_dict (.pth) of the model")
    source.add_argument("--random-seed", type=int, help="export random weights drawn with this seed")
    parser.add_argument("--out", type=Path, required=True, help="folder for model.onnx and manifest.json")
    parser.add_argument("--id", help="model id (default: the architecture, with - for _)")
    parser.add_argument("--name", help="display name")
    parser.add_argument("--labels", type=Path, help="label file, one per line (default: Kinetics-400)")
    parser.add_argument("--clip-length", type=int, help="frames per clip (default: the documented clip_len)")
    args = parser.parse_args()

    preset = load_presets()[args.arch]
    labels = [l.strip() for l in args.labels.read_text().splitlines() if l.strip()] if args.labels else preset["labels"]
    rgb = preset["manifest"]["inputs"]["rgb"]
    clip_length = args.clip_length or preset["manifest"]["clip"]["length"]
    size = preset["manifest"]["preprocess"]["height"]
    model = build_model(args.arch, len(labels), args.weights, args.random_seed)

    args.out.mkdir(parents=True, exist_ok=True)
    onnx_file = args.out / "model.onnx"
    dummy = torch.zeros(1, 3, clip_length, size, size)
    with torch.no_grad():
        torch.onnx.export(model, (dummy,), str(onnx_file), opset_version=OPSET, input_names=[rgb["name"]], output_names=[preset["manifest"]["output"]["name"]],
                          dynamic_axes={rgb["name"]: {0: "batch"}, preset["manifest"]["output"]["name"]: {0: "batch"}}, do_constant_folding=True)
    provenance = {"command": "models/export/export_torchvision.py " + " ".join(sys.argv[1:]), "torch": torch.__version__, "torchvision": torchvision.__version__}
    if args.random_seed is not None:
        provenance["seed"] = args.random_seed
    else:
        provenance["weightsSha256"] = hashlib.sha256(args.weights.read_bytes()).hexdigest()
    model_id = args.id or args.arch.replace("_", "-")
    manifest = manifest_for(preset, model_id, args.name or f"{args.arch} ({'random weights' if args.weights is None else args.weights.name})", labels, clip_length, provenance)
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps({"model": str(onnx_file), "manifest": str(args.out / "manifest.json"), "bytes": onnx_file.stat().st_size}))


if __name__ == "__main__":
    main()
