#!/usr/bin/python3
"""Records the app's own real-footage check (`actionlens eval` on ../shared/real-dev) in each model's
metrics.json as `realDevEval`: clip count, clip top-1, mean class accuracy and per-class recall (aggregates
only; nothing of the clips themselves). models/RESULTS.md's real-dev table and the app's "trained on" note
(src/main/core/models/training-note.ts) read it.

    node bin/actionlens.mjs --db /work/cache/realdev.db datasets import ../shared/real-dev --name real-dev
    node bin/actionlens.mjs --db /work/cache/realdev.db eval real-dev -m pose-gru ... --report-json R.json
    /usr/bin/python3 models/training/record_realdev_eval.py R.json [R2.json ...]
    /usr/bin/python3 models/training/results.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1]


def main() -> None:
    for report_file in sys.argv[1:]:
        report = json.loads(Path(report_file).read_text())
        for model in report["models"]:
            folder = MODELS / model["modelId"]
            metrics_file = folder / "metrics.json"
            if not metrics_file.exists():
                print(f"skipped {model['modelId']}: no {metrics_file}")
                continue
            clips = model["clips"]
            metrics = json.loads(metrics_file.read_text())
            metrics["realDevEval"] = {
                "dataset": report["dataset"].get("name", "real-dev"),
                "clips": clips["count"],
                "clipTop1": clips["top1"],
                "meanClassAccuracy": clips["meanClassAccuracy"],
                "perClass": {c["label"]: c["recall"] for c in clips["perClass"] if c.get("support")},
                "support": {c["label"]: c["support"] for c in clips["perClass"] if c.get("support")},
                "app": report.get("app", {}).get("version") if isinstance(report.get("app"), dict) else report.get("app"),
                "command": f"actionlens eval real-dev -m {model['modelId']}",
            }
            metrics_file.write_text(json.dumps(metrics, indent=2) + "\n")
            print(f"{model['modelId']}: clip top-1 {clips['top1']:.1f}, mean class accuracy {clips['meanClassAccuracy']:.1f} ({clips['count']} clips)")


if __name__ == "__main__":
    main()
