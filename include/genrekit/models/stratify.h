#pragma once
// Seeded, stratified assignment of rows to splits and to cross-validation folds. Within each class
// rows are ordered by a hash of (seed, id), so an assignment depends only on the ids, labels and
// seed: not on row order, thread count or platform.
#include <cstdint>
#include <string>
#include <vector>

#include "genrekit/data/fma_tracks.h"

namespace genrekit::models {

// Per class (in that hashed order): the first round(n x test_fraction) rows go to test, the next
// round(n x validation_fraction) to validation, the rest to training.
std::vector<data::Split> stratified_split(const std::vector<std::string>& ids, const std::vector<int>& y,
                                          double validation_fraction, double test_fraction, std::uint64_t seed);

// The same, keeping each group (an artist: rows whose `groups` entry is equal) in one split, so no
// artist is heard in training and tested on. Groups are taken in an order hashed from (seed, group)
// and each goes to the split whose per-class counts it brings closest to their targets (n_c x
// fraction; least squared error, ties to test, then validation); a group spanning classes counts in
// each. An empty group name puts its row in a group of its own.
std::vector<data::Split> stratified_group_split(const std::vector<std::string>& ids, const std::vector<int>& y,
                                                const std::vector<std::string>& groups, double validation_fraction,
                                                double test_fraction, std::uint64_t seed);

// The fold in [0, folds) of each row: per class, the rows in hashed order are dealt out in turn,
// so every fold's class counts differ by at most one (scikit-learn's StratifiedKFold property)
// and fold sizes by at most one.
std::vector<int> stratified_folds(const std::vector<std::string>& ids, const std::vector<int>& y, int folds,
                                  std::uint64_t seed);

}  // namespace genrekit::models
