#pragma once
// The seven statistics FMA summarises every frame-level feature row with, in FMA's column order
// of statistics: kurtosis, max, mean, median, min, skew, std.
#include <array>
#include <string_view>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

enum class Statistic { Kurtosis, Max, Mean, Median, Min, Skew, Std };
inline constexpr std::array<Statistic, 7> kStatistics{Statistic::Kurtosis, Statistic::Max, Statistic::Mean,
                                                      Statistic::Median, Statistic::Min, Statistic::Skew,
                                                      Statistic::Std};
std::string_view to_string(Statistic statistic);

// (rows, 7): per row of `frames`, in kStatistics order. mean; std with ddof 0; skew and kurtosis as
// scipy.stats' biased estimators (kurtosis in excess of 3); median (mean of the two middle values
// for an even count); min; max. skew and kurtosis are NaN when the row is (numerically) constant:
// its variance is at most (1e-15 x mean)^2, scipy's test. Any NaN in a row makes its statistics NaN.
dsp::Matrix row_statistics(const dsp::Matrix& frames);

// The same for rows librosa produced as float32 (rmse): numpy and scipy then compute every moment in
// float32 with numpy's pairwise summation, and the zero-variance test uses float32's resolution
// (1e-6). Reproduced operation by operation, because for nearly constant rows (a steady tone's RMS)
// float32 rounding decides the skew and kurtosis.
dsp::Matrix row_statistics_float32(const dsp::Matrix& frames);

}  // namespace genrekit::features
