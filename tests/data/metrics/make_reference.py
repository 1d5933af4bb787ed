#!/usr/bin/python3
"""Writes the fixture of the metrics' fidelity test: scored.csv (200 tracks, 5 classes, each track's
truth, prediction and probabilities in twentieths, so that ties are common) and sklearn.json (what
scikit-learn, numpy and scipy compute on it). Run with Debian's /usr/bin/python3 (scikit-learn 1.2);
the test reads the committed files and needs no Python.
"""
import json
import os

import numpy as np
from scipy.stats import binom
from sklearn import metrics

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20)
n, k = 200, 5
truth = rng.integers(0, k, n)
twentieths = np.array([rng.multinomial(20, np.where(np.arange(k) == t, 0.45, 0.1375)) for t in truth])
probabilities = twentieths / 20.0
# The model's own decision, which need not be the argmax (a hard vote's is not): argmax, with
# one track in ten replaced by a random class.
predicted = probabilities.argmax(axis=1)
flip = rng.random(n) < 0.1
predicted[flip] = rng.integers(0, k, flip.sum())
labels = ['Blues', 'Old-Time / Historic', 'Pop, Indie', 'Rock', 'Soul-RnB']

with open(os.path.join(here, 'scored.csv'), 'w') as f:
    f.write('id,truth,predicted,' + ','.join('p%d' % c for c in range(k)) + '\n')
    for i in range(n):
        f.write('%d,%d,%d,%s\n' % (1000 + i, truth[i], predicted[i], ','.join(repr(float(p)) for p in probabilities[i])))

report = metrics.classification_report(truth, predicted, output_dict=True, zero_division=0)
values = rng.normal(size=37)
reference = {
    'labels': labels,
    'accuracy': metrics.accuracy_score(truth, predicted),
    'kappa': metrics.cohen_kappa_score(truth, predicted),
    'balanced_accuracy': metrics.balanced_accuracy_score(truth, predicted),
    'f1_macro': metrics.f1_score(truth, predicted, average='macro'),
    'f1_weighted': metrics.f1_score(truth, predicted, average='weighted'),
    'log_loss': metrics.log_loss(truth, probabilities, labels=list(range(k))),
    'roc_auc_ovr_macro': metrics.roc_auc_score(truth, probabilities, multi_class='ovr', average='macro'),
    'top_k_accuracy': {str(t): metrics.top_k_accuracy_score(truth, probabilities, k=t, labels=list(range(k))) for t in (2, 3)},
    'macro_avg': [report['macro avg'][m] for m in ('precision', 'recall', 'f1-score')],
    'weighted_avg': [report['weighted avg'][m] for m in ('precision', 'recall', 'f1-score')],
    # McNemar's exact two-sided p-value, min(1, 2 P(X <= min(b, c))), X ~ Binomial(b + c, 1/2).
    'mcnemar': [[b, c, min(1.0, 2 * binom.cdf(min(b, c), b + c, 0.5))] for b, c in ((0, 0), (1, 0), (3, 7), (12, 30), (250, 310), (1000, 1100))],
    'percentile_values': values.tolist(),
    'percentiles': {str(q): float(np.percentile(values, q)) for q in (2.5, 50, 97.5)},
}
with open(os.path.join(here, 'sklearn.json'), 'w') as f:
    json.dump(reference, f, indent=1)
    f.write('\n')
