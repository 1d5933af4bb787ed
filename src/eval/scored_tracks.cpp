#include "genrekit/eval/scored_tracks.h"

#include <cstdio>
#include <stdexcept>

#include "genrekit/data/csv_cursor.h"

namespace genrekit::eval {

void ScoredTracks::check() const {
  const std::size_t n = ids.size(), k = labels.size();
  if (truth.size() != n || predicted.size() != n || probabilities.size() != n * k || (!vote_shares.empty() && vote_shares.size() != n * k))
    throw std::invalid_argument("scored tracks: " + std::to_string(n) + " ids but " + std::to_string(truth.size()) + " labels, " +
                                std::to_string(predicted.size()) + " predictions, " + std::to_string(probabilities.size()) +
                                " probabilities for " + std::to_string(k) + " classes");
  for (std::size_t i = 0; i < n; ++i)
    if (truth[i] < 0 || predicted[i] < 0 || static_cast<std::size_t>(truth[i]) >= k || static_cast<std::size_t>(predicted[i]) >= k)
      throw std::invalid_argument("scored tracks: track " + ids[i] + " has a class index outside the " + std::to_string(k) + " labels");
}

namespace {

std::string table(const ScoredTracks& s, const std::vector<double>& values, bool with_answers) {
  std::string out = with_answers ? "id,split,label,predicted" : "id";
  for (const auto& label : s.labels) (out += ',') += data::csv_escape(label);
  out += "\n";
  const std::size_t k = s.labels.size();
  char number[32];
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += data::csv_escape(s.ids[i]);
    if (with_answers)
      out += "," + s.split + "," + data::csv_escape(s.labels[static_cast<std::size_t>(s.truth[i])]) + "," +
             data::csv_escape(s.labels[static_cast<std::size_t>(s.predicted[i])]);
    for (std::size_t c = 0; c < k; ++c) {
      std::snprintf(number, sizeof number, ",%.9g", values[i * k + c]);
      out += number;
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string predictions_csv(const ScoredTracks& scored) { return table(scored, scored.probabilities, true); }
std::string vote_shares_csv(const ScoredTracks& scored) { return table(scored, scored.vote_shares, false); }

}  // namespace genrekit::eval
