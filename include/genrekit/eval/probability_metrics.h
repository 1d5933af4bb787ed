#pragma once
// The metrics that read the probabilities, with scikit-learn's definitions (1.2): log_loss,
// roc_auc_score(multi_class="ovr", average="macro") and top_k_accuracy_score.
#include "genrekit/eval/scored_tracks.h"

namespace genrekit::eval {

// Mean -log p(true class) over the tracks, each row clipped to [eps, 1 - eps] (eps: the double's
// machine epsilon, scikit-learn's "auto") and renormalised, as log_loss(labels=every class).
double log_loss(const ScoredTracks& scored);

// One-vs-rest ROC AUC per class (the Mann-Whitney statistic with average ranks for ties, which is
// the ROC curve's trapezoidal area), averaged over the classes that occur in the truth (scikit-learn
// refuses a class with no positive; its AUC is undefined). NaN with fewer than two such classes.
double roc_auc_ovr_macro(const ScoredTracks& scored);

// The share of tracks whose true class is among the k most probable; ties rank the higher class
// index first, as scikit-learn's stable argsort reversed.
double top_k_accuracy(const ScoredTracks& scored, int k);

}  // namespace genrekit::eval
