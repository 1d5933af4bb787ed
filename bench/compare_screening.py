#!/usr/bin/python3
"""The screening grid, genrekit against scikit-learn, side by side in one run.

One seeded synthetic table shaped like the thesis' (16 classes with FMA's shares; by default
116,528 rows: 93,222 training, 11,653 test), a few feature sets (the first N columns of the table),
and the classifiers of the thesis' grid with the same hyperparameters on both sides (those of
compare_sklearn.py). genrekit runs its own screening (`train` with screening.*, --cell-threads
threads per cell, --threads / --cell-threads cells side by side); Python fits and scores the same
cells one after the other, each estimator with n_jobs=--cell-threads where it has one. With the
default --cell-threads = --threads both sides fit one classifier at a time on the same threads.
Printed: per cell the accuracies, and per classifier the time to fit and score (genrekit's cells
time themselves), the ratios, and both sides' whole wall time. --train-rows subsamples the training rows (stratified, seeded) for every cell when
the full grid would take hours; the header says so.

Needs Debian's python3-sklearn, python3-xgboost, python3-pandas. Run with /usr/bin/python3.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_sklearn as reference  # noqa: E402  (the models, table and settings both benches share)

GRID = ['logistic_regression', 'knn', 'svc', 'linear_svm', 'random_forest', 'xgboost', 'gaussian_nb', 'qda',
        'gradient_boosting', 'mlp']


def main():
    warnings.filterwarnings('ignore', category=ConvergenceWarning)
    warnings.filterwarnings('ignore', category=UserWarning)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rows', type=int, default=116528)
    parser.add_argument('--columns', type=int, default=322)
    parser.add_argument('--sets', default='322,140,49', help='feature sets: the first N columns each')
    parser.add_argument('--models', default=','.join(GRID))
    parser.add_argument('--train-rows', type=int, default=0, help='subsample the training rows to this many (0: all)')
    parser.add_argument('--bin', default='build/bin')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--cell-threads', type=int, default=0, help='threads per cell on both sides (0: --threads)')
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--n-estimators', type=int, default=100, help='XGBoost trees')
    parser.add_argument('--boosting-stages', type=int, default=100)
    parser.add_argument('--forest-trees', type=int, default=100)
    parser.add_argument('--n-neighbors', type=int, default=200)
    args = parser.parse_args()
    params = {'C': 1.0, 'max_depth': 6, 'n_estimators': args.n_estimators, 'learning_rate': 0.1, 'colsample_bytree': 0.5,
              'n_neighbors': args.n_neighbors, 'forest_trees': args.forest_trees, 'qda_reg_param': 0.01,
              'qda_columns': args.columns, 'boosting_stages': args.boosting_stages}
    models = args.models.split(',')
    cell_threads = args.cell_threads or args.threads
    sets = [int(n) for n in args.sets.split(',')]

    table = reference.with_split(reference.synthetic_table(args.rows, args.columns, args.seed), args.seed)
    table = table[['id', 'label', 'split'] + [c for c in table.columns if c not in ('id', 'label', 'split')]]
    if args.train_rows:
        train = table[table['split'] == 'training']
        keep, _ = train_test_split(train.index, train_size=args.train_rows, stratify=train['label'], random_state=args.seed)
        table = table[(table['split'] != 'training') | table.index.isin(keep)]
    features = list(table.columns[3:])
    counts = table['split'].value_counts()
    print('table: %d training rows%s, %d test rows, %d columns, 16 classes; feature sets %s; %d threads, %d per cell' % (
        counts['training'], ' (subsampled by --train-rows)' if args.train_rows else '', counts['test'], len(features),
        args.sets, args.threads, cell_threads))

    with tempfile.TemporaryDirectory(prefix='genrekit-screening-') as work:
        table_csv = os.path.join(work, 'table.csv')
        table.to_csv(table_csv, index=False)
        os.makedirs(os.path.join(work, 'sets'))
        os.makedirs(os.path.join(work, 'models'))
        for n in sets:
            with open(os.path.join(work, 'sets', 'first%d.yaml' % n), 'w') as f:
                f.write('model:\n  feature_groups: [%s]\n' % ', '.join(features[:n]))
        settings = reference.genrekit_settings(params)
        for name in models:
            with open(os.path.join(work, 'models', name + '.yaml'), 'w') as f:
                f.write('model:\n  type: %s\n' % name)
                f.write(''.join('  %s\n' % line for line in yaml_blocks(settings)))
        with open(os.path.join(work, 'grid.yaml'), 'w') as f:
            f.write('table: {format: plain, id_column: id, label_column: label, split_column: split}\n'
                    'model: {features_csv: %s, train_splits: [training]}\n'
                    'screening:\n  feature_sets: [%s]\n  classifiers: [%s]\n' % (
                        table_csv, ', '.join('sets/first%d.yaml' % n for n in sets),
                        ', '.join('models/%s.yaml' % m for m in models)))
        run = os.path.join(work, 'run')
        start = time.perf_counter()
        subprocess.run([os.path.join(args.bin, 'train'), '-q', '-o', run, '-c', os.path.join(work, 'grid.yaml'),
                        '--threads', str(args.threads), '--seed', str(args.seed),
                        '--set', 'screening.cell_threads=%d' % cell_threads], check=False)
        ours_wall = time.perf_counter() - start
        ours = pd.read_csv(os.path.join(run, 'screening.csv'))

        start = time.perf_counter()
        data = pd.read_csv(table_csv)
        train, test = data[data['split'] == 'training'], data[data['split'] == 'test']
        labels = LabelEncoder().fit(data['label'])
        rows = []
        for n in sets:
            columns = features[:n]
            scaler = StandardScaler().fit(train[columns].values)
            train_x = np.nan_to_num(scaler.transform(train[columns].values))
            test_x = np.nan_to_num(scaler.transform(test[columns].values))
            for name in models:
                model = reference.sklearn_model(name, params, cell_threads, args.seed)
                t0 = time.perf_counter()
                model.fit(train_x, labels.transform(train['label']))
                t1 = time.perf_counter()
                predicted = model.predict(test_x)
                t2 = time.perf_counter()
                rows.append({'feature_set': 'first%d' % n, 'classifier': name, 'py_fit': t1 - t0, 'py_score': t2 - t1,
                             'py_accuracy': accuracy_score(labels.transform(test['label']), predicted)})
                print('  python %s x %s: %.1f s' % (rows[-1]['feature_set'], name, t2 - t0), flush=True)
        theirs_wall = time.perf_counter() - start

    grid = ours.merge(pd.DataFrame(rows), on=['feature_set', 'classifier'])
    grid['gk'] = grid['fit_seconds'] + grid['score_seconds']
    grid['py'] = grid['py_fit'] + grid['py_score']
    print('\n%-20s %-12s %9s %9s %9s %8s' % ('classifier', 'set', 'acc gk', 'acc py', 'gk s', 'py s'))
    for _, r in grid.iterrows():
        print('%-20s %-12s %8.2f%% %8.2f%% %9.1f %8.1f' % (r['classifier'], r['feature_set'], 100 * r['accuracy'],
                                                         100 * r['py_accuracy'], r['gk'], r['py']))
    print('\nfit + score, summed over the feature sets (genrekit: %d thread(s) per cell, %d cell(s) side by side; '
          'Python: n_jobs=%d where it applies)' % (cell_threads, max(1, args.threads // cell_threads), cell_threads))
    print('%-20s %11s %11s %8s' % ('classifier', 'genrekit s', 'Python s', 'ratio'))
    slower = []
    for name, g in grid.groupby('classifier', sort=False):
        ratio = g['py'].sum() / max(g['gk'].sum(), 1e-3)  # genrekit times to the millisecond
        print('%-20s %11.1f %11.1f %7.2fx' % (name, g['gk'].sum(), g['py'].sum(), ratio))
        if ratio < 1:
            slower.append(name)
    print('%-20s %11.1f %11.1f %7.2fx   (whole grid, wall clock: genrekit train vs the Python loop)' % (
        'total', ours_wall, theirs_wall, theirs_wall / ours_wall))
    print('goals: total >= 2x: %s; no classifier slower: %s' % (
        'met' if theirs_wall / ours_wall >= 2 else 'NOT met', 'met' if not slower else 'NOT met (%s)' % ', '.join(slower)))
    return 0


def yaml_blocks(settings):
    """--set style key=value pairs as nested YAML lines under model:."""
    by_kind = {}
    for s in settings:
        key, value = s.split('=', 1)
        _, kind, param = key.split('.')
        by_kind.setdefault(kind, []).append('  %s: %s' % (param, value))
    lines = []
    for kind, items in by_kind.items():
        lines.append('%s:' % kind)
        lines.extend(items)
    return lines


if __name__ == '__main__':
    sys.exit(main())
