#include "genrekit/dsp/filterbank_product.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsp/vector_clones.h"

namespace genrekit::dsp {

namespace {

// The sums run in GCC's generic vectors, one filter per lane, so that every value is the same
// sequential sum whatever the width; a kernel for each width (vector_clones.h).
using vectors::Doubles2;
using vectors::Doubles4;
using vectors::kLanes;
constexpr std::size_t kPadding = 4;  // filters padded to a multiple of the widest vector's lanes

// kVectors vectors of filters of `packed` (bin-major: bin k's filters start at packed[k * stride])
// times kCols frames of `spectra` (n_bins apart) into out, (n_filters) per frame. The
// accumulators are locals, so that they stay in registers.
template <typename Vec, std::size_t kVectors, std::size_t kCols>
[[gnu::always_inline]] inline void filter_sums(const double* packed, std::size_t stride, const double* spectra,
                                               std::size_t n_bins, std::size_t filters, std::size_t n_filters,
                                               double* out) noexcept {
  Vec acc[kCols][kVectors];
  for (std::size_t c = 0; c < kCols; ++c)
    for (std::size_t v = 0; v < kVectors; ++v) acc[c][v] = Vec{};
  for (std::size_t k = 0; k < n_bins; ++k) {
    Vec weights[kVectors];
    for (std::size_t v = 0; v < kVectors; ++v)
      vectors::load(weights[v], packed + k * stride + v * kLanes<Vec>);
    for (std::size_t c = 0; c < kCols; ++c) {
      const double x = spectra[c * n_bins + k];
      for (std::size_t v = 0; v < kVectors; ++v) acc[c][v] += weights[v] * x;
    }
  }
  double sums[kVectors * kLanes<Vec>];
  for (std::size_t c = 0; c < kCols; ++c) {
    for (std::size_t v = 0; v < kVectors; ++v) vectors::store(sums + v * kLanes<Vec>, acc[c][v]);
    std::copy_n(sums, filters, out + c * n_filters);
  }
}

// Filters [first, first + kVectors lanes) of every frame, kFrames frames at a time.
template <typename Vec, std::size_t kVectors, std::size_t kFrames>
[[gnu::always_inline]] inline void filter_group(const double* packed, std::size_t stride, const double* S,
                                                std::size_t n_bins, std::size_t n_frames, std::size_t first,
                                                std::size_t n_filters, double* out) noexcept {
  const std::size_t filters = std::min(kVectors * kLanes<Vec>, n_filters - first);
  std::size_t t = 0;
  for (; t + kFrames <= n_frames; t += kFrames)
    filter_sums<Vec, kVectors, kFrames>(packed + first, stride, S + t * n_bins, n_bins, filters, n_filters,
                                        out + t * n_filters + first);
  for (; t < n_frames; ++t)
    filter_sums<Vec, kVectors, 1>(packed + first, stride, S + t * n_bins, n_bins, filters, n_filters,
                                  out + t * n_filters + first);
}

// Twelve filters a pass (chroma's), in as many frames at a time as the registers hold.
template <typename Vec, std::size_t kFrames>
[[gnu::always_inline]] inline void product(const double* packed, std::size_t stride, const double* S,
                                           std::size_t n_bins, std::size_t n_frames, std::size_t n_filters,
                                           double* out) noexcept {
  constexpr std::size_t kGroup = 12 / kLanes<Vec>;
  const std::size_t n_vectors = stride / kLanes<Vec>;
  for (std::size_t v = 0; v < n_vectors; v += kGroup) {
    const std::size_t first = v * kLanes<Vec>;
    if (n_vectors - v >= kGroup)
      filter_group<Vec, kGroup, kFrames>(packed, stride, S, n_bins, n_frames, first, n_filters, out);
    else  // the last, narrower group: one vector at a time, none wholly in the padding
      for (std::size_t w = v; w * kLanes<Vec> < n_filters; ++w)
        filter_group<Vec, 1, kFrames>(packed, stride, S, n_bins, n_frames, w * kLanes<Vec>, n_filters, out);
  }
}

void product_baseline(const double* packed, std::size_t stride, const double* S, std::size_t n_bins,
                      std::size_t n_frames, std::size_t n_filters, double* out) noexcept {
  product<Doubles2, 2>(packed, stride, S, n_bins, n_frames, n_filters, out);
}

GENREKIT_AVX2_TARGET void product_avx2(const double* packed, std::size_t stride, const double* S, std::size_t n_bins,
                                       std::size_t n_frames, std::size_t n_filters, double* out) noexcept {
  product<Doubles4, 4>(packed, stride, S, n_bins, n_frames, n_filters, out);
}

}  // namespace

Matrix filterbank_product(const Matrix& bank, const Matrix& S) {
  if (bank.cols() != S.rows())
    throw std::invalid_argument("filterbank_product: a bank of " + std::to_string(bank.cols()) +
                                " bins applied to a spectrogram of " + std::to_string(S.rows()) + " bins");
  const auto n_filters = static_cast<std::size_t>(bank.rows()), n_bins = static_cast<std::size_t>(S.rows());
  // Bin-major, the filters padded with zeros to whole vectors: one load gives a bin's weights.
  const std::size_t stride = (n_filters + kPadding - 1) / kPadding * kPadding;
  std::vector<double> packed(stride * n_bins, 0.0);
  for (std::size_t k = 0; k < n_bins; ++k)
    for (std::size_t f = 0; f < n_filters; ++f)
      packed[k * stride + f] = bank(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
  Matrix out(bank.rows(), S.cols());
  static const auto product_of = cpu_has_avx2() ? product_avx2 : product_baseline;
  product_of(packed.data(), stride, S.data(), n_bins, static_cast<std::size_t>(S.cols()), n_filters, out.data());
  return out;
}

}  // namespace genrekit::dsp
