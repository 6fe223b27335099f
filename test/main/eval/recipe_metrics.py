"""The Python recipe's metrics (models/training/metrics.py, used as evaluate.py uses them) on a JSON
of predictions: test/main/eval/python-parity.test.ts compares them with the app's TypeScript metrics.

    /usr/bin/python3 recipe_metrics.py predictions.json
"""
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "models" / "training"))
from metrics import confusion, mean_class_accuracy, segmentation_report  # noqa: E402

doc = json.loads(Path(sys.argv[1]).read_text())
classes = doc["classes"]
truth = np.array([c["truth"] for c in doc["clips"]], np.int64)
pred = np.array([int(np.asarray(c["frameProbs"], np.float64).mean(0).argmax()) for c in doc["clips"]], np.int64)
matrix = confusion(truth, pred, classes)
pairs = [(np.asarray(s["truth"], np.int64), np.asarray(s["frameProbs"], np.float64).argmax(1)) for s in doc["sequences"]]
print(json.dumps({
    "clip_top1": 100.0 * float((truth == pred).mean()),
    "clip_mean_class_accuracy": 100.0 * mean_class_accuracy(matrix),
    "confusion": matrix.tolist(),
    "segmentation": segmentation_report(pairs),
}))
