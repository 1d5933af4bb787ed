"""The reference run of bench_features: FMA's 518 features of each clip with librosa 0.5.0, as FMA's
features.py computes them (load at the file's rate, mono; zcr; |CQT| 84 bins -> chroma_cqt, chroma_cens
-> tonnetz; |STFT| 2048/512 -> chroma_stft, rmse, centroid, bandwidth, contrast, rolloff, mel -> 20
MFCCs; seven statistics each), timed per clip, decode included.

Usage: librosa_fma_features.py LIBROSA_050_DIR CLIP...
Prints "SECONDS CLIP" per clip, after one untimed warm-up on the first clip (numba compiles then).
Exits 3 when librosa 0.5.0 cannot be imported from LIBROSA_050_DIR (a source tree of librosa's tag
0.5.0, e.g. `git archive 0.5.0 librosa`); Debian's python3-scipy, -numba, -audioread, -resampy, -joblib,
-decorator and ffmpeg are what it needs besides.
"""
import sys
import time
import warnings

warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
import numpy as np
import scipy.signal
import scipy.signal.windows
from scipy import stats

# librosa 0.5.0 predates numpy 1.20's removal of the builtin aliases, np.asscalar and
# scipy.signal.hanning; these give the same functions back. No arithmetic changes.
for alias, builtin in (("float", float), ("int", int), ("complex", complex), ("bool", bool), ("object", object)):
    if alias not in np.__dict__:
        setattr(np, alias, builtin)
if not hasattr(np, "asscalar"):
    np.asscalar = lambda a: a.item()
if not hasattr(scipy.signal, "hanning"):
    scipy.signal.hanning = scipy.signal.windows.hann
try:
    import librosa
except Exception as error:  # not there, or not importable here
    print("librosa 0.5.0 is not importable from %s: %s" % (sys.argv[1], error), file=sys.stderr)
    sys.exit(3)
if librosa.__version__ != "0.5.0":
    print("%s holds librosa %s, not 0.5.0" % (sys.argv[1], librosa.__version__), file=sys.stderr)
    sys.exit(3)


def statistics(rows):
    return [np.mean(rows, axis=1), np.std(rows, axis=1), stats.skew(rows, axis=1), stats.kurtosis(rows, axis=1),
            np.median(rows, axis=1), np.min(rows, axis=1), np.max(rows, axis=1)]


def fma_features(path):
    x, sr = librosa.load(path, sr=None, mono=True)
    out = [statistics(librosa.feature.zero_crossing_rate(x, frame_length=2048, hop_length=512))]
    cqt = np.abs(librosa.cqt(x, sr=sr, hop_length=512, bins_per_octave=12, n_bins=7 * 12, tuning=None))
    out.append(statistics(librosa.feature.chroma_cqt(C=cqt, n_chroma=12, n_octaves=7)))
    cens = librosa.feature.chroma_cens(C=cqt, n_chroma=12, n_octaves=7)
    out += [statistics(cens), statistics(librosa.feature.tonnetz(chroma=cens))]
    stft = np.abs(librosa.stft(x, n_fft=2048, hop_length=512))
    out.append(statistics(librosa.feature.chroma_stft(S=stft ** 2, n_chroma=12)))
    for feature in (librosa.feature.rmse, librosa.feature.spectral_centroid, librosa.feature.spectral_bandwidth,
                    librosa.feature.spectral_rolloff):
        out.append(statistics(feature(S=stft)))
    out.append(statistics(librosa.feature.spectral_contrast(S=stft, n_bands=6)))
    mel = librosa.feature.melspectrogram(sr=sr, S=stft ** 2)
    out.append(statistics(librosa.feature.mfcc(S=librosa.power_to_db(mel), n_mfcc=20)))
    return np.concatenate([np.concatenate(s) for s in out])


clips = sys.argv[2:]
assert fma_features(clips[0]).size == 518
for clip in clips:
    start = time.perf_counter()
    fma_features(clip)
    print("%.6f %s" % (time.perf_counter() - start, clip), flush=True)
