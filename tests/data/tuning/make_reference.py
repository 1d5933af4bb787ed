#!/usr/bin/python3
"""librosa 0.5.0's tuning decisions on signals built to sit on them, for tests/tuning_test.cpp.

FMA's calls estimate the tuning twice: librosa.cqt(tuning=None) from |stft(y)| at the true rate, and
chroma_stft(S=|stft(y)|**2) at the assumed 22,050 Hz. Both histogram piptrack's peaks in 0.01-wide
bins and take the first fullest bin. The candidates: tones on histogram edges, pairs of tones
whose residuals fall in two bins with equal weight (ties), plucked notes with harmonics, and the
same at 44,100 Hz; every signal is 16-bit PCM (round(32767 v) / 32768), 0.25 s.

The tones are found by bisection: for a note and a starting detuning, the two 16-bit tones on
either side of the point where librosa's decision flips (their peaks sit on a histogram edge).
For each candidate it records librosa's two tunings, the margin between the fullest and the next
bin, and what the same steps give in float64 (genrekit's arithmetic before it followed librosa's
float32). It keeps the candidates where float32 and float64 decide differently, the ties and
near-ties, and a few plain ones, and writes signals.npy (float32, cases x samples) and cases.csv.

Run with the shared reference tools: LIBROSA_050=1 PYTHONPATH=<librosa-0.5.0>:<tools> /usr/bin/python3 -W ignore make_reference.py
"""
import csv
import os
import sys

import numpy as np

import np_compat  # noqa: F401  (librosa 0.5.0 on today's numpy)
import librosa

HERE = os.path.dirname(os.path.abspath(__file__))
SECONDS = 0.25


def pcm(v):
    return (np.round(32767 * np.clip(v, -1, 1)) / 32768).astype(np.float32)


def tone(f, sr, n, amp=0.5, harmonics=(1.0,), decay=0.0, vibrato=0.0):
    t = np.arange(n) / sr
    phase = 2 * np.pi * f * t + vibrato * np.sin(2 * np.pi * 5 * t)
    env = np.exp(-decay * t)
    return amp * env * sum(a * np.sin((h + 1) * phase) for h, a in enumerate(harmonics)) / sum(harmonics)


def semitone_hz(m, d):
    return 27.5 * 2 ** ((m + d) / 12)


def stft_magnitude(y):
    return np.abs(librosa.stft(y, n_fft=2048, hop_length=512))


def cqt_decision(y, sr):
    return librosa.estimate_tuning(y=y, sr=sr)


def chroma_decision(y, sr):
    return librosa.estimate_tuning(S=stft_magnitude(y) ** 2, sr=22050, n_fft=2048)


def flip_pair(sr, n, m, centre, decide):
    """The two 16-bit tones, a detuning apart that no bisection step can split, on either side of a
    point where `decide` changes its mind: their peaks sit on a histogram edge."""
    lo, hi = centre - 0.03, centre + 0.03
    ylo, yhi = pcm(tone(semitone_hz(m, lo), sr, n)), pcm(tone(semitone_hz(m, hi), sr, n))
    tlo, thi = decide(ylo, sr), decide(yhi, sr)
    if tlo == thi:
        return []
    for _ in range(32):
        mid = (lo + hi) / 2
        y = pcm(tone(semitone_hz(m, mid), sr, n))
        if decide(y, sr) == tlo:
            lo, ylo = mid, y
        else:
            hi, yhi = mid, y
    return [('m=%d d=%.10f' % (m, lo), ylo), ('m=%d d=%.10f' % (m, hi), yhi)]


def candidates(rng):
    for sr in (22050, 44100):
        n = int(SECONDS * sr)
        for m in (33, 40, 45, 52, 57, 64, 69):  # 150 Hz .. ~1.2 kHz, where piptrack looks
            for centre in (-0.20, -0.05, 0.03, 0.11, 0.25, 0.38):
                for name, decide in (('cqt', cqt_decision), ('chroma', chroma_decision)):
                    for params, y in flip_pair(sr, n, m, centre, decide):
                        yield 'tone at the ' + name + ' flip', sr, params, y
            for d1, d2 in ((0.02, 0.07), (-0.13, -0.08), (0.30, 0.31), (0.005, -0.005), (0.445, 0.455)):
                v = tone(semitone_hz(m, d1), sr, n, 0.3) + tone(semitone_hz(m + 7, d2), sr, n, 0.3)
                yield 'pair', sr, 'm=%d d1=%.3f d2=%.3f' % (m, d1, d2), pcm(v)
            for d in (rng.uniform(-0.5, 0.5) for _ in range(3)):
                v = tone(semitone_hz(m, d), sr, n, 0.6, harmonics=(1, 0.5, 0.3, 0.2), decay=6.0, vibrato=0.002)
                yield 'pluck', sr, 'm=%d d=%.4f' % (m, d), pcm(v)


def peaks(S, sr):
    pitch, mag = librosa.piptrack(S=S, sr=sr, n_fft=2048)
    mask = pitch > 0
    threshold = np.median(mag[mask]) if mask.any() else 0.0
    return pitch[(mag >= threshold) & mask]


def decision(S, sr):
    """(tuning, fullest count - next count) as librosa.estimate_tuning decides it."""
    f = peaks(S, sr)
    f = f[f > 0]
    if not len(f):
        return 0.0, -1
    residual = np.mod(12 * librosa.hz_to_octs(f), 1.0)
    residual[residual >= 0.5] -= 1.0
    bins = np.linspace(-0.5, 0.5, int(np.ceil(1. / 0.01)), endpoint=False)
    counts, edges = np.histogram(residual, bins)
    top = np.sort(counts)[::-1]
    tuning = float(edges[np.argmax(counts)])
    assert tuning == librosa.estimate_tuning(S=S, sr=sr, n_fft=2048)
    return tuning, int(top[0] - top[1])


def main():
    rng = np.random.default_rng(22)
    rows, signals = [], []
    for kind, sr, params, y in candidates(rng):
        S = stft_magnitude(y)
        assert cqt_decision(y, sr) == decision(S, sr)[0]
        cqt, cqt_margin = decision(S, sr)
        chroma, chroma_margin = decision(S ** 2, 22050)
        cqt64, _ = decision(S.astype(np.float64), sr)
        chroma64, _ = decision(S.astype(np.float64) ** 2, 22050)
        rows.append(dict(kind=kind, sr=sr, params=params, cqt_tuning=cqt, chroma_tuning=chroma, cqt_margin=cqt_margin,
                         chroma_margin=chroma_margin, float64_differs=int(cqt64 != cqt or chroma64 != chroma)))
        signals.append(y)
    # At most 24 where float64 decides otherwise (every third, so that all notes and both rates are
    # among them), 12 ties, 8 near-ties, 6 plain: the fixture stays under 2 MB.
    differs = [i for i, r in enumerate(rows) if r['float64_differs']]
    keep = differs[::max(1, len(differs) // 24)][:24]
    keep += [i for i, r in enumerate(rows) if i not in keep and min(r['cqt_margin'], r['chroma_margin']) == 0][:12]
    keep += [i for i, r in enumerate(rows) if i not in keep and min(r['cqt_margin'], r['chroma_margin']) == 1][:8]
    keep += [i for i, r in enumerate(rows) if i not in keep and min(r['cqt_margin'], r['chroma_margin']) > 3][:6]
    keep = sorted(keep)
    n = max(len(s) for s in signals)
    out = np.zeros((len(keep), n), np.float32)
    with open(os.path.join(HERE, 'cases.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['case', 'kind', 'sr', 'samples', 'params', 'cqt_tuning', 'chroma_tuning', 'cqt_margin', 'chroma_margin',
                    'float64_differs'])
        for c, i in enumerate(keep):
            r = rows[i]
            out[c, :len(signals[i])] = signals[i]
            w.writerow([c, r['kind'], r['sr'], len(signals[i]), r['params'], repr(r['cqt_tuning']), repr(r['chroma_tuning']),
                        r['cqt_margin'], r['chroma_margin'], r['float64_differs']])
    np.save(os.path.join(HERE, 'signals.npy'), out)
    print('%d candidates: float64 decides otherwise on %d, ties %d, near-ties (margin 1) %d; kept %d' % (
        len(rows), sum(r['float64_differs'] for r in rows),
        sum(min(r['cqt_margin'], r['chroma_margin']) == 0 for r in rows),
        sum(min(r['cqt_margin'], r['chroma_margin']) == 1 for r in rows), len(keep)), file=sys.stderr)


if __name__ == '__main__':
    main()
