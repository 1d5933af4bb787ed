"""python/genrekit/networks.py against genrekit itself: the run's network rebuilt in PyTorch gives
evaluate's clip probabilities (predictions.csv, 10 significant digits) on the same log-mel shards
to 1e-5, and exports to ONNX.
Usage: torch_networks.py RUN_DIR LOGMEL_DIR PREDICTIONS_CSV ONNX_OUT  (with python/ on PYTHONPATH)"""
import csv
import os
import sys

import numpy as np
import torch

import genrekit.networks as gn

run, logmel, predictions, onnx_out = sys.argv[1:5]
model = gn.load_run(run)
with open(predictions) as f:
    rows = list(csv.reader(f))
header = rows[0]
assert header[4:] == model.classes, (header[4:], model.classes)
expected = {row[0]: np.array([float(v) for v in row[4:]]) for row in rows[1:]}
with open(os.path.join(logmel, "index.csv")) as f:
    index = {row["key"]: row for row in csv.DictReader(f)}
shards = {}
worst = 0.0
with torch.no_grad():
    for key, want in expected.items():
        entry = index[key]
        if entry["shard"] not in shards:
            shards[entry["shard"]] = np.load(os.path.join(logmel, entry["shard"]), mmap_mode="r")
        log_mels = torch.from_numpy(np.asarray(shards[entry["shard"]][int(entry["row"])], dtype=np.float32))[None]
        got = model(log_mels)[0].double().numpy()
        worst = max(worst, float(np.abs(got - want).max()))
assert worst <= 1e-5, worst
example = torch.from_numpy(np.asarray(next(iter(shards.values()))[0], dtype=np.float32))[None]
torch.onnx.export(model, example, onnx_out, input_names=["log_mels"], output_names=["probabilities"],
                  dynamic_axes={"log_mels": {0: "batch", 1: "frames"}}, opset_version=13)
assert os.path.getsize(onnx_out) > 1000
print("PyTorch (%s) rebuilt the run's network: %d clips equal to evaluate's probabilities (worst difference %.1e); "
      "ONNX export %d bytes" % (torch.__version__, len(expected), worst, os.path.getsize(onnx_out)))
