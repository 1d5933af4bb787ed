// The tuning estimate decides as librosa 0.5.0 decides: on signals built to sit on its decision
// points (tones swept across histogram edges, pairs of tones tying two bins, plucked notes; see
// tests/data/tuning/make_reference.py), both of FMA's estimates (the CQT's, from |STFT| at the true
// rate; chroma_stft's, from |STFT|^2 at the assumed 22,050 Hz) must equal librosa's exactly.
#include <fstream>
#include <sstream>

#include "genrekit/data/npy.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/dsp/stft.h"
#include "test_support.h"

namespace genrekit::dsp {
namespace {

struct TuningCase {
  std::string description;
  double sr = 0;
  std::size_t samples = 0;
  double cqt_tuning = 0, chroma_tuning = 0;
  int cqt_margin = 0, chroma_margin = 0;
};

std::vector<TuningCase> read_cases() {
  std::ifstream in(test::fixture("tuning/cases.csv"));
  std::string line;
  std::getline(in, line);  // case,kind,sr,samples,params,cqt_tuning,chroma_tuning,cqt_margin,chroma_margin,float64_differs
  std::vector<TuningCase> cases;
  while (std::getline(in, line)) {
    std::vector<std::string> field;
    std::stringstream row(line);
    for (std::string f; std::getline(row, f, ',');) field.push_back(f);
    cases.push_back({field[1] + " " + field[4] + " at " + field[2] + " Hz", std::stod(field[2]), std::stoul(field[3]),
                     std::stod(field[5]), std::stod(field[6]), std::stoi(field[7]), std::stoi(field[8])});
  }
  return cases;
}

TEST(Tuning, EveryDecisionIsLibrosas) {
  const auto cases = read_cases();
  const data::NpyArray signals = data::read_npy(test::fixture("tuning/signals.npy"));
  ASSERT_EQ(signals.shape.size(), 2u);
  ASSERT_EQ(signals.shape[0], cases.size());
  const Stft stft(2048, 512);
  std::size_t agree = 0, ties = 0;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const TuningCase& k = cases[c];
    const auto* row = signals.values.data() + c * signals.shape[1];
    const std::vector<float> y(row, row + k.samples);
    Matrix S = stft.magnitude(y);
    const double cqt = estimate_tuning(S, k.sr, 2048);
    square_in_float32(S);
    const double chroma = estimate_tuning(S, 22050, 2048, 0.01, 12);
    EXPECT_EQ(cqt, k.cqt_tuning) << k.description << " (the CQT's estimate; librosa's margin " << k.cqt_margin << ")";
    EXPECT_EQ(chroma, k.chroma_tuning) << k.description << " (chroma_stft's estimate; librosa's margin " << k.chroma_margin << ")";
    agree += static_cast<std::size_t>(cqt == k.cqt_tuning) + static_cast<std::size_t>(chroma == k.chroma_tuning);
    ties += static_cast<std::size_t>(k.cqt_margin == 0) + static_cast<std::size_t>(k.chroma_margin == 0);
  }
  std::cout << agree << " of " << 2 * cases.size() << " tuning decisions equal librosa's (" << ties << " of them exact ties)\n";
}

}  // namespace
}  // namespace genrekit::dsp
