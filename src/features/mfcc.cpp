#include "genrekit/features/mfcc.h"

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "genrekit/dsp/filterbank_product.h"
#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_sum.h"
#include "genrekit/dsp/spectral_utils.h"
#include "dsp/vector_clones.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

// A mel triangle's non-zero weights, from bin `first`.
struct Span {
  std::size_t first = 0;
  std::vector<double> weights;
};

// mel[m, t] = span m . power[:, t] for the `frames` columns of `bins` values. Each span's products
// are summed pairwise, one fixed order whatever the memory alignment, so identical frames (silence)
// give identical mel values. As many frames as a vector has lanes go together, one per lane, each
// summed exactly as alone; `products` holds `bins` vectors. Spans past numpy's 128-value block,
// which these filter banks do not have, and the last frames take one frame at a time.
template <typename Vec>
inline void mel_frames(const double* power, std::size_t bins, std::size_t frames, const Span* spans, std::size_t n_mels,
                       Vec* products, double* mel) noexcept {
  constexpr std::size_t lanes = dsp::vectors::kLanes<Vec>;
  double* single = reinterpret_cast<double*>(products);  // the same scratch, one frame's products
  const auto one_frame = [&](std::size_t t, std::size_t m) {
    const Span& span = spans[m];
    const double* column = power + t * bins;
    for (std::size_t j = 0; j < span.weights.size(); ++j) single[j] = span.weights[j] * column[span.first + j];
    mel[t * n_mels + m] = dsp::numpy_pairwise_sum(single, span.weights.size());
  };
  std::size_t t = 0;
  for (; t + lanes <= frames; t += lanes)
    for (std::size_t m = 0; m < n_mels; ++m) {
      const Span& span = spans[m];
      if (span.weights.size() > 128) {
        for (std::size_t l = 0; l < lanes; ++l) one_frame(t + l, m);
        continue;
      }
      for (std::size_t j = 0; j < span.weights.size(); ++j) {
        Vec column;
        for (std::size_t l = 0; l < lanes; ++l) column[l] = power[(t + l) * bins + span.first + j];
        products[j] = span.weights[j] * column;
      }
      const Vec sums = dsp::numpy_pairwise_block(products, span.weights.size());
      for (std::size_t l = 0; l < lanes; ++l) mel[(t + l) * n_mels + m] = sums[l];
    }
  for (; t < frames; ++t)
    for (std::size_t m = 0; m < n_mels; ++m) one_frame(t, m);
}

[[gnu::flatten]] void mel_frames_baseline(const double* power, std::size_t bins, std::size_t frames, const Span* spans,
                                          std::size_t n_mels, dsp::vectors::Doubles4* products, double* mel) noexcept {
  mel_frames(power, bins, frames, spans, n_mels, reinterpret_cast<dsp::vectors::Doubles2*>(products), mel);
}

[[gnu::flatten]] GENREKIT_AVX2_TARGET void mel_frames_avx2(const double* power, std::size_t bins, std::size_t frames,
                                                           const Span* spans, std::size_t n_mels,
                                                           dsp::vectors::Doubles4* products, double* mel) noexcept {
  mel_frames(power, bins, frames, spans, n_mels, products, mel);
}

// Each mel triangle's non-zero span: its weights only (same sums, ~60x fewer products).
std::vector<Span> spans_of(const dsp::Matrix& bank) {
  std::vector<Span> spans(static_cast<std::size_t>(bank.rows()));
  for (Eigen::Index m = 0; m < bank.rows(); ++m) {
    Eigen::Index first = 0, last = bank.cols() - 1;
    while (first < bank.cols() && bank(m, first) == 0.0) ++first;
    while (last >= first && bank(m, last) == 0.0) --last;
    auto& span = spans[static_cast<std::size_t>(m)];
    span.first = static_cast<std::size_t>(first);
    for (Eigen::Index k = first; k <= last; ++k) span.weights.push_back(bank(m, k));
  }
  return spans;
}

// The spans of a mel bank, built once per parameter set in a process: every track of a run asks for
// the same few banks, which cost ~0.5 ms each to build (about 1 % of a clip's features). A NaN
// parameter cannot be a map key (it compares unordered with everything), so such a bank is built
// on every call, as all banks were before.
std::shared_ptr<const std::vector<Span>> mel_spans(double sr, int n_fft, int n_mels, double fmin, double fmax) {
  const auto build = [&] {
    return std::make_shared<const std::vector<Span>>(spans_of(dsp::mel_filterbank(sr, n_fft, n_mels, fmin, fmax)));
  };
  if (std::isnan(sr) || std::isnan(fmin) || std::isnan(fmax)) return build();
  using Key = std::tuple<double, int, int, double, double>;
  static std::mutex mutex;
  static std::map<Key, std::shared_ptr<const std::vector<Span>>> built;
  const Key key{sr, n_fft, n_mels, fmin, fmax};
  {
    const std::lock_guard lock(mutex);
    if (const auto found = built.find(key); found != built.end()) return found->second;
  }
  auto spans = build();
  const std::lock_guard lock(mutex);
  return built.emplace(key, std::move(spans)).first->second;
}

}  // namespace

dsp::Matrix melspectrogram(const dsp::Matrix& power, double sr, int n_mels, double fmin, double fmax) {
  check_spectrogram("melspectrogram", power, sr);
  return unchecked::melspectrogram(power, sr, n_mels, fmin, fmax);
}

dsp::Matrix unchecked::melspectrogram(const dsp::Matrix& power, double sr, int n_mels, double fmin, double fmax) {
  check_spectrogram_shape("melspectrogram", power, sr);
  const auto spans = mel_spans(sr, n_fft_of(power), n_mels, fmin, fmax);
  dsp::Matrix mel(n_mels, power.cols());
  // new[] of the vector type itself: aligned to it (a std::vector of it is not: GCC drops the
  // vector type's alignment from template arguments).
  const std::unique_ptr<dsp::vectors::Doubles4[]> products(new dsp::vectors::Doubles4[static_cast<std::size_t>(power.rows())]);
  static const auto frames_of = cpu_has_avx2() ? mel_frames_avx2 : mel_frames_baseline;
  frames_of(power.data(), static_cast<std::size_t>(power.rows()), static_cast<std::size_t>(power.cols()), spans->data(),
            spans->size(), products.get(), mel.data());
  return mel;
}

dsp::Matrix mfcc(const dsp::Matrix& power, double sr, int n_mfcc, int n_mels) {
  return mfcc_of_log_mel(dsp::power_to_db(melspectrogram(power, sr, n_mels)), n_mfcc);
}

dsp::Matrix mfcc_of_log_mel(const dsp::Matrix& log_mel, int n_mfcc) {
  const auto n_mels = static_cast<int>(log_mel.rows());
  if (n_mfcc < 1 || n_mfcc > n_mels)
    throw std::invalid_argument("mfcc: n_mfcc must lie in [1, n_mels=" + std::to_string(n_mels) + "], got " +
                                std::to_string(n_mfcc));
  // Every coefficient summed over the mel bands in order, one fixed order for every frame, so that
  // identical frames (silence) give identical coefficients, as numpy's dot does (Eigen's products
  // vary their order with memory alignment).
  return dsp::filterbank_product(dsp::dct_basis(n_mfcc, n_mels), log_mel);
}

}  // namespace genrekit::features
