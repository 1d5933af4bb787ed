"""genrekit from Python: FMA's 518 features and the thesis' log-mel spectrograms of audio, and
trained runs' predictions, as pandas / numpy objects; `genrekit.networks` rebuilds a trained
network run in PyTorch.

    import genrekit
    genrekit.fma_features("song.mp3")              # a Series indexed by (feature, statistics, number)
    genrekit.fma_features(["a.mp3", "b.mp3"])      # a DataFrame, one row per file, on all cores
    genrekit.logmel("song.mp3")                    # (646, 128) float32, the networks' input
    genrekit.Run("runs/svc").predict(["new.mp3"])  # genre and per-class probabilities per file

Files are decoded as `extract` decodes them (FFmpeg, 16-bit, as FMA's librosa did); the values are
the ones `extract` writes. Every computation releases the GIL. A file that cannot be read gets a
row of NaN and its error in `.attrs["errors"]`, with a warning: one bad file does not stop a list.
"""
import os
import warnings

import numpy as np
import pandas as pd

try:
    from . import _core
except ImportError:  # the source tree's python/ without a build: genrekit.networks still works
    class _Unbuilt:
        def __getattr__(self, name):
            raise ImportError("genrekit's compiled module (_core) is not beside %s: use the build's python/ "
                              "(PYTHONPATH=build/python) or cmake --install" % os.path.dirname(__file__))
    _core = _Unbuilt()
    DataError = ConfigError = ValueError
    __version__ = None
else:
    __version__ = _core.version()
    DataError = _core.DataError
    ConfigError = _core.ConfigError


def _columns():
    return pd.MultiIndex.from_tuples(_core.fma_feature_columns(), names=["feature", "statistics", "number"])


def _paths(paths):
    return [os.fspath(p) for p in paths]


def _report(errors, paths, frame):
    failed = {p: e for p, e in zip(paths, errors) if e}
    frame.attrs["errors"] = failed
    if failed:
        first = next(iter(failed.items()))
        warnings.warn("%d of %d files failed (their rows are NaN; .attrs['errors'] says why), e.g. %s: %s"
                      % (len(failed), len(paths), first[0], first[1]), stacklevel=3)
    return frame


def fma_features(audio, sr=None, profile="fma", decoder="ffmpeg_s16", threads=0):
    """FMA's 518 features (librosa 0.5.0's, as in FMA's features.csv).

    audio: a path (-> Series), a list of paths (-> DataFrame indexed by path, `threads` files at a
    time, 0: every core), or a float array of samples, 1-D or (channels, samples), with `sr`.
    profile: "fma" (FMA's file) or "corrected"; decoder: "ffmpeg_s16", "sndfile_s16" or "sndfile".
    """
    if isinstance(audio, (str, os.PathLike)):
        values, errors = _core.fma_features_of_files([os.fspath(audio)], profile, decoder, 1)
        if errors[0]:
            raise DataError(errors[0])
        return pd.Series(values[0], index=_columns(), name=os.fspath(audio))
    if isinstance(audio, np.ndarray):
        if sr is None:
            raise ValueError("fma_features: give sr, the sample rate of the array")
        return pd.Series(_core.fma_features_of_samples(audio, float(sr), profile), index=_columns())
    paths = _paths(audio)
    values, errors = _core.fma_features_of_files(paths, profile, decoder, threads)
    frame = pd.DataFrame(values, index=pd.Index(paths, name="path"), columns=_columns())
    return _report(errors, paths, frame)


def logmel(audio, sr=None, frames=646, decoder="ffmpeg_s16", threads=0):
    """The thesis networks' input: a (frames, 128) natural-log mel spectrogram at 22,050 Hz (n_fft
    2048, hop 1024), cut or padded to `frames` (646 = 30 s; <= 0 keeps every frame), as float32
    (extract's shards round it to float16). audio: a path, a list of paths (-> a list of arrays, None
    for a file that failed, with a warning), or an array of samples with `sr`.
    """
    if isinstance(audio, (str, os.PathLike)):
        spectrograms, errors = _core.logmel_of_files([os.fspath(audio)], frames, decoder, 1)
        if errors[0]:
            raise DataError(errors[0])
        return spectrograms[0]
    if isinstance(audio, np.ndarray):
        if sr is None:
            raise ValueError("logmel: give sr, the sample rate of the array")
        return _core.logmel_of_samples(audio, float(sr), frames)
    paths = _paths(audio)
    spectrograms, errors = _core.logmel_of_files(paths, frames, decoder, threads)
    failed = [(p, e) for p, e in zip(paths, errors) if e]
    if failed:
        warnings.warn("%d of %d files failed (None in their place), e.g. %s: %s" % (len(failed), len(paths), *failed[0]),
                      stacklevel=2)
    return spectrograms


class Run:
    """A trained run directory (classical or network), loaded once.

    Run(path).predict(paths) gives a DataFrame indexed by path: the predicted genre, then each
    class's probability (NaN, with the error in .attrs["errors"], for a file that failed). Network
    runs load LibTorch (genrekit._networks) on first use; classical runs never do.
    """

    def __init__(self, path, threads=0):
        self.path = os.fspath(path)
        if _core.is_network_run(self.path):
            from . import _networks
            self._run = _networks.NetworkRun(self.path, threads)
        else:
            self._run = _core.ClassicalRun(self.path, threads)

    @property
    def classes(self):
        return list(self._run.classes)

    def predict(self, paths):
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        paths = _paths(paths)
        probabilities, errors = self._run.predict(paths)
        frame = pd.DataFrame(probabilities, index=pd.Index(paths, name="path"), columns=self.classes)
        top = np.where(np.isnan(probabilities).any(axis=1), -1, np.nanargmax(np.nan_to_num(probabilities, nan=-1.0), axis=1))
        frame.insert(0, "genre", [self.classes[i] if i >= 0 else None for i in top])
        return _report(errors, paths, frame)
