"""The compiled Python module against the tools, on a finished own_dataset_end_to_end.sh scratch
directory (tests/cli/own_dataset_end_to_end.sh runs it):

- genrekit.fma_features of files: every value printed as extract prints it ("%.10e") is extract's
  text in features.csv, so the doubles are extract's to the last printed digit; a list on two
  threads gives bit-for-bit the values of one file at a time; the index is FMA's.
- genrekit.fma_features of an array: the samples of a 16-bit WAV give bit-for-bit what the file
  gives through libsndfile (the same samples, the same mono mix).
- genrekit.logmel: rounded to float16 (numpy's astype), extract's shard values exactly.
- genrekit.Run(...).predict: the classical and the network run give the predict tool's genre and
  its six-decimal probabilities.
- The GIL is released: a Python thread counting during a call counts on.
- A file that cannot be read: a NaN row, the reason in .attrs["errors"], a warning.

Usage: check_module.py SCRATCH_DIR (with the module on PYTHONPATH)
"""
import csv
import os
import sys
import threading
import warnings
import wave

import numpy as np
import pandas as pd

import genrekit

scratch = sys.argv[1]
fail = lambda message: sys.exit("FAIL: " + message)

# fma_features of files against extract's features.csv.
table = list(csv.reader(open(os.path.join(scratch, "extract/features.csv"), newline="")))
header, rows = table[:3], {r[0]: r[1:] for r in table[4:]}
keys = sorted(rows)[:6]
paths = [os.path.join(scratch, k) for k in keys]
frame = genrekit.fma_features(paths, threads=2)
if list(frame.columns) != list(zip(header[0][1:], header[1][1:], header[2][1:])):
    fail("fma_features' columns are not features.csv's")
if frame.columns.names != ["feature", "statistics", "number"]:
    fail("fma_features' index names")
for key, path in zip(keys, paths):
    printed = ["" if np.isnan(v) else "%.10e" % v for v in frame.loc[path]]
    if printed != rows[key]:
        first = next(i for i, (a, b) in enumerate(zip(printed, rows[key])) if a != b)
        fail("%s: column %s is %s in Python, %s in features.csv" % (key, frame.columns[first], printed[first], rows[key][first]))
single = genrekit.fma_features(paths[0])
if not np.array_equal(single.to_numpy(), frame.iloc[0].to_numpy(), equal_nan=True):
    fail("one file and a list of files differ")
print("fma_features: %d files x %d values, extract's to every printed digit; one file = a list, bit for bit"
      % frame.shape)

# fma_features of an array against the same samples read from a WAV file.
rate, seconds = 22050, 3
t = np.arange(rate * seconds) / rate
stereo = np.stack([0.3 * np.sin(2 * np.pi * 440 * t), 0.2 * np.sin(2 * np.pi * 660 * t) + 0.05 * np.cos(2 * np.pi * 97 * t)])
pcm = np.round(stereo * 32767).astype("<i2")
wav = os.path.join(scratch, "tone.wav")
with wave.open(wav, "wb") as out:
    out.setnchannels(2)
    out.setsampwidth(2)
    out.setframerate(rate)
    out.writeframes(pcm.T.tobytes())
from_array = genrekit.fma_features(pcm.astype(np.float32) / 32768, sr=rate)
from_file = genrekit.fma_features(wav, decoder="sndfile")
if not np.array_equal(from_array.to_numpy(), from_file.to_numpy(), equal_nan=True):
    fail("fma_features of an array differs from the same samples read from a file")
print("fma_features of a (channels, samples) array: the WAV file's values, bit for bit")

# logmel against extract's shards (float16).
index = {r["key"]: r for r in csv.DictReader(open(os.path.join(scratch, "extract/logmel/index.csv"), newline=""))}
logmels = genrekit.logmel(paths[:3], frames=216)
for key, spectrogram in zip(keys, logmels):
    entry = index[key]
    shard = np.load(os.path.join(scratch, "extract/logmel", entry["shard"]), mmap_mode="r")[int(entry["row"])]
    if spectrogram.shape != shard.shape or not np.array_equal(spectrogram.astype(np.float16), shard):
        fail("%s: logmel differs from extract's shard" % key)
print("logmel: extract's shard values exactly (after its float16 rounding), %s each" % (logmels[0].shape,))

# Run.predict against the predict tool.
track = open(os.path.join(scratch, "track.txt")).read().strip()
for kind in ("classical", "network"):
    run = genrekit.Run(os.path.join(scratch, kind), threads=2)
    got = run.predict([track])
    tool = next(csv.DictReader(open(os.path.join(scratch, kind + "-prediction.csv"), newline="")))
    if got["genre"].iloc[0] != tool["genre"]:
        fail("%s run: Python predicts %s, predict %s" % (kind, got["genre"].iloc[0], tool["genre"]))
    for c in run.classes:
        if "%.6f" % got[c].iloc[0] != tool[c]:
            fail("%s run: class %s: %.6f in Python, %s from predict" % (kind, c, got[c].iloc[0], tool[c]))
    print("Run(%s).predict: predict's genre (%s) and its %d probabilities" % (kind, tool["genre"], len(run.classes)))

# The GIL is released during a computation.
count, stop = [0], [False]
def spin():
    while not stop[0]:
        count[0] += 1
spinner = threading.Thread(target=spin)
spinner.start()
before = count[0]
genrekit.fma_features(paths[:4], threads=1)
during = count[0] - before
stop[0] = True
spinner.join()
if during < 10000:
    fail("a Python thread counted only %d times during fma_features: the GIL is held" % during)
print("GIL released: another Python thread counted %d times during a call" % during)

# A bad file among good ones.
broken = os.path.join(scratch, "broken.mp3")
open(broken, "wb").write(b"not audio")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    frame = genrekit.fma_features([paths[0], broken])
if not frame.loc[broken].isna().all() or frame.loc[paths[0]].isna().all() or broken not in frame.attrs["errors"] or not caught:
    fail("a bad file should give a NaN row, its error and a warning")
try:
    genrekit.fma_features(broken)
    fail("one bad file should raise")
except genrekit.DataError as e:
    if "broken.mp3" not in str(e):
        fail("the error should name the file: %s" % e)
print("a bad file: a NaN row, .attrs['errors'] and a warning in a list; DataError naming it alone")
