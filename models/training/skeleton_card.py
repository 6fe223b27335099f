"""MODEL_CARD.md for a trained skeleton family."""
from __future__ import annotations

import re
from pathlib import Path

STGCN_BODY = "ST-GCN (Yan et al., 2018) on the COCO-17 graph with spatial-configuration partitioning (self, towards the hips, away from them) and learnable edge importance: 4 blocks (48, 48, 96, 96 channels, temporal kernel 9, two with stride 2) over a causal window of 32 frames; "
TWO_STREAM = "Two 1-D temporal CNNs ({width} channels each) over a causal 32-frame window, fused late: one on {positions}, one on the joint motion (frame-to-frame differences per 1/30 s); output = w·softmax(positions) + (1 − w)·softmax(motion), w chosen on validation."
DESCRIPTIONS = {
    "pose-gru": "Keypoints of one tracked person per frame → normalised features (in the graph) → a 2-layer MLP (192, 128) → one GRU layer (128 units) → a label per frame. Many-to-many and causal: streamed chunk by chunk with `pose_state` and `h` carried.",
    "pose-lstm": "As pose-gru with an LSTM (128 units): `pose_state`, `h` and `c` carried from chunk to chunk.",
    "pose-framewise": "One frame's normalised pose (no motion, no state) → MLP (256, 256) → label: the frame-by-frame baseline. It cannot tell sit_down from stand_up by design.",
    "pose-stgcn": STGCN_BODY + "node channels x, y, score and joint motion plus the frame's global channels.",
    "pose-stgcn-anchored": STGCN_BODY + "node channels x, y, score and joint motion (each frame centred and scaled on its own), x, y relative to the whole window's mean hip centre and mean scale (so travel and approach show as the skeleton drifting and growing: [Note: window anchor] in skeleton_nets.py), plus the frame's global channels.",
    "pose-3dcnn": "A small PoseC3D-style 3D CNN (Duan et al., 2022) over a causal window of 32 frames: the graph renders each frame's normalised joints as 17 Gaussian heatmaps (20×20 cells over ±3 torso lengths around the hips, weighted by score, empty for absent joints), adds 5 constant planes for what the per-frame crop loses (visible, centre motion x/y, scale change, log fps), then four 3D convolutions (32, 32, 64, 128 channels, two with stride 2 in time and space), global pooling and a linear head.",
    "pose-two-stream": TWO_STREAM.replace("{positions}", "the normalised joint positions"),
    "pose-two-stream-anchored": TWO_STREAM.replace("{positions}", "the normalised joint positions and the joints relative to the whole window's mean hip centre and mean scale (so travel and approach show: [Note: window anchor] in skeleton_nets.py)"),
}


def description(family: str, architecture: str) -> str:
    width = re.search(r"-tcn(\d+)-", architecture)
    key = family + "-anchored" if architecture.endswith("-anchored") else family
    return DESCRIPTIONS[key].replace("{width}", width.group(1) if width else "128")


# realdev-cli.ts --record replaces this line with its measured section.
REAL_FOOTAGE_PENDING = "Real footage: not measured yet (models/skeleton/realdev-cli.ts --record measures it on ../shared/real-dev)."


def pct(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


def per_class_lines(m: dict) -> list[str]:
    """Synthetic test accuracy per class and what each class is most often taken for."""
    classes = list(m["per_class"])
    lines = ["| class | clip accuracy | most often taken for |", "| --- | --- | --- |"]
    for i, c in enumerate(classes):
        row = list(m["confusion"][i])
        row[i] = -1
        wrong = max(range(len(row)), key=row.__getitem__)
        taken = f"{classes[wrong]} ({row[wrong]} of {sum(m['confusion'][i])})" if row[wrong] > 0 else "–"
        lines.append(f"| {c} | {pct(m['per_class'][c])} | {taken} |")
    return lines


def write_card(out: Path, family: str, manifest: dict, params: int, m: dict) -> None:
    seg = m.get("segmentation", {})
    pairs = m["temporal_pairs"]
    exact = m["exact_joints_30fps"]
    inputs = manifest["inputs"]
    kp = inputs["keypoints"]
    lines = [
        f"# {manifest['name']} (`{manifest['id']}`)",
        "",
        "**Trained on synthetic motion only**: the keypoints of the project's kinematic figures (models/dataset, the same",
        "motions as the rendered videos) seen from every side through sampled cameras, passed through an error model of",
        "the pose estimator (models/training/skeleton_noise.py). It never saw a real person. It needs a pose run",
        "(MoveNet, src/main/core/pose) and labels each tracked person separately.",
        "",
        "## Architecture",
        description(family, manifest["architecture"]),
        "",
        f"- manifest family `{manifest['family']}`, {params:,} parameters, ONNX opset 17",
        f"- input `{kp['name']}` layout {kp['layout']} shape {kp['shape']}: COCO-17 keypoints of ONE person, channels x, y (video pixels) and score; a frame where the person is not found has all scores 0",
        *([f"- input `fps` {inputs['fps']['shape']}: the video's frame rate (motion features are per 1/30 s)"] if "fps" in inputs else []),
        *([f"- carried state: " + ", ".join(f"`{s['input']}`→`{s['output']}` {s['shape']}" for s in inputs["state"]) + " (zeros for a person's first chunk)"] if "state" in inputs else []),
        *([f"- clip: {manifest['clip']['length']} frames, causal window (ends at the labelled frame)"] if "clip" in manifest else []),
        "- no `preprocess`: the graph centres each frame on the hip midpoint and divides by max(torso length, ¼ box side) itself",
        "",
        "### Manifest: schema v1's keypoint input",
        "`inputs.keypoints` {name, layout `NTVC` | `NVC` (V keypoints, C channels), shape, dtype} replaces `inputs.rgb`;",
        "`inputs.fps` {name, shape}; `keypoints` {format `coco-17`, channels, units, minScore, absent}; `preprocess` absent.",
        "Accepted by `src/shared/manifest.ts`; the engine runs each tracked person through the model (docs/models.md).",
        "",
        "## Data and training",
        f"- data: `{m['data']['command']}` ({m['data']['train_clips']} training clips, {m['data']['train_sequences']} training sequences)",
        f"- training: `{manifest['training']['command']}`, {m['steps']} steps ({m.get('stoppedBy', 'budget')}), {m['minutes']:.1f} min on {m['versions']['threads']} CPU thread(s), seed {m['seed']}, torch {m['versions']['torch']}",
        *([f"- weights: the moving average of the trained weights (decay {m['emaDecay']} per step, [Note: weight averaging] in train_skeleton.py) at the epoch with the best validation clip top-1 ({m['bestEpoch']['epoch']} of {m['epochs']})"] if m.get("emaDecay") else []),
        "",
        "## Accuracy, synthetic test split (held out, same generator)",
        "| metric | value |",
        "| --- | --- |",
        f"| clip top-1 (error model, mixed 5–60 fps) | {pct(m['clip_top1'])} |",
        f"| clip mean class accuracy | {pct(m['clip_mean_class_accuracy'])} |",
        f"| sit_down / stand_up clips | {pct(pairs['sit_down/stand_up']['clip_top1'])} |",
        f"| fall clips | {pct(pairs['fall']['clip_top1'])} |",
        f"| clip top-1 on exact joints, 30 fps | {pct(exact['clip_top1'])} |",
        f"| sequence frame accuracy (error model, 30 fps) | {pct(seg.get('frame_accuracy'))} |",
        f"| sequence edit / F1@50 | {pct(seg.get('edit'))} / {pct(seg.get('f1@50'))} |",
        "",
        "Per class (synthetic test, error model):",
        "",
        *per_class_lines(m),
        "",
        "Synthetic numbers say the model learnt the generator's motions; they say little about real people.",
        REAL_FOOTAGE_PENDING,
        "",
        "## Intended use and limits",
        "- One person at a time (run it once per tracked person); the frame's labels are the union over people.",
        "- Classes as drawn by the generator (shared/specs/actions.md); real actions that differ in style (a ball kick,",
        "  two-arm waves, a fall to the knees) are out of distribution.",
        "- A fall is recognised from the motion before the person is lost and from the loss itself (scores going to 0).",
        "- Not measured on real footage: close-ups with most of the body out of frame, several people at once (each is",
        "  labelled alone, so a tracker that swaps people swaps their labels), people far smaller than 1/5 of the frame.",
        "- Weakest case: someone walking straight towards or away from the camera (little travel across the picture, the",
        "  legs swinging in depth) is often taken for idle; walk accuracy by camera view: models/SKELETON-RESULTS.md.",
        *([f"- Undertrained on a 2-core CPU ({m['steps']} steps): below the synthetic goal of 95% (issue 11)."] if m["clip_top1"] < 95 else []),
        "- Not for decisions about people.",
    ]
    (out / "MODEL_CARD.md").write_text("\n".join(lines) + "\n")
