#pragma once
// A model's answers on the tracks it was scored on: what `evaluate` keeps (predictions.csv) and
// what every metric, interval and comparison reads.
#include <cstdint>
#include <string>
#include <vector>

namespace genrekit::eval {

struct ScoredTracks {
  std::vector<std::string> labels;  // class names, by class index
  std::vector<std::string> ids;     // track ids (or paths), one per scored track
  std::string split;                // the split they come from
  std::vector<int> truth, predicted;
  // ids.size() x labels.size(), row-major: each track's class probabilities (a hard vote: its
  // members' mean probabilities; a network: the clip's).
  std::vector<double> probabilities;
  std::vector<double> vote_shares;  // the same shape for a hard vote (share of members per class), else empty

  std::size_t size() const { return ids.size(); }
  const double* probabilities_of(std::size_t track) const { return probabilities.data() + track * labels.size(); }
  // std::invalid_argument when the vectors' sizes disagree or an index is outside the labels.
  void check() const;
};

// id,split,label,predicted,<one probability column per class, named by the class>
std::string predictions_csv(const ScoredTracks& scored);
// id,<one column per class>: the share of the vote's members that chose the class.
std::string vote_shares_csv(const ScoredTracks& scored);

}  // namespace genrekit::eval
