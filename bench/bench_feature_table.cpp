// Loading FMA's features.csv: 106,574 rows x 518 columns, ~950 MB of "%.10e" values.
// Reference: pandas' pd.read_csv(path, index_col=0, header=[0, 1, 2]) takes 12.8 s on one core of
// the project's machine (recorded in issue 2). Goal: <= 2.5 s on one core (>= 5x).
//
//   bench_feature_table [--rows N] [--file PATH] [--keep]
// Writes a synthetic table of FMA's shape (values spread over FMA's magnitudes, a few NaN), then
// times reading it back (best of 3, one thread) and prints the figures.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "genrekit/data/feature_table.h"

namespace {

constexpr double kPandasSeconds = 12.8;  // pandas on FMA's features.csv, this machine, one core
constexpr double kGoalSeconds = 2.5;
constexpr std::size_t kFmaRows = 106574;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

genrekit::data::FeatureTable fma_shaped_table(std::size_t rows) {
  genrekit::data::FeatureTable table;
  const char* features[] = {"chroma_cens", "chroma_cqt", "chroma_stft", "mfcc", "rmse", "spectral_bandwidth",
                            "spectral_centroid", "spectral_contrast", "spectral_rolloff", "tonnetz", "zcr"};
  const int sizes[] = {12, 12, 12, 20, 1, 1, 1, 7, 1, 6, 1};
  const char* statistics[] = {"kurtosis", "max", "mean", "median", "min", "skew", "std"};
  for (std::size_t f = 0; f < 11; ++f)
    for (const char* statistic : statistics)
      for (int n = 1; n <= sizes[f]; ++n) {
        char number[8];
        std::snprintf(number, sizeof number, "%02d", n % 100);
        table.columns.push_back({features[f], statistic, number});
      }
  std::mt19937_64 random(42);
  std::normal_distribution<double> mantissa(0, 1);
  std::uniform_int_distribution<int> exponent(-3, 4);
  table.values.resize(rows * table.columns.size());
  for (std::size_t r = 0; r < rows; ++r) {
    table.index.push_back(std::to_string(2 + 3 * r));
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      table.values[r * table.columns.size() + c] =
          (r * 7 + c) % 50000 == 0 ? std::nan("") : mantissa(random) * std::pow(10.0, exponent(random));
  }
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = kFmaRows;
  std::filesystem::path file = std::filesystem::temp_directory_path() / "genrekit-bench-features.csv";
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) rows = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--file") && i + 1 < argc) file = argv[++i];
    else if (!std::strcmp(argv[i], "--keep")) keep = true;
    else {
      std::fprintf(stderr, "usage: bench_feature_table [--rows N] [--file PATH] [--keep]\n");
      return 2;
    }
  }

  auto start = std::chrono::steady_clock::now();
  const auto table = fma_shaped_table(rows);
  genrekit::data::write_feature_csv(file, table);
  const double write_seconds = seconds_since(start);
  const double megabytes = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
  std::printf("features.csv: %zu rows x %zu columns, %.0f MB (generated and written in %.2f s)\n", rows,
              table.columns.size(), megabytes, write_seconds);

  double best = 1e300;
  for (int run = 0; run < 3; ++run) {
    start = std::chrono::steady_clock::now();
    const auto loaded = genrekit::data::read_feature_csv(file);
    const double seconds = seconds_since(start);
    best = std::min(best, seconds);
    if (loaded.rows() != rows || loaded.cols() != table.cols()) {
      std::fprintf(stderr, "read back %zu x %zu, expected %zu x %zu\n", loaded.rows(), loaded.cols(), rows, table.cols());
      return 1;
    }
    std::printf("  read %d: %.3f s\n", run + 1, seconds);
  }
  const double scale = static_cast<double>(rows) / kFmaRows;  // compare at FMA's size
  std::printf("read_feature_csv (1 thread, best of 3): %.3f s, %.0f MB/s, %.1f M values/s\n", best, megabytes / best,
              static_cast<double>(rows * table.cols()) / best / 1e6);
  std::printf("vs pandas read_csv (%.1f s at FMA's size, scaled to %.3f s here): %.1fx faster; goal >= %.1fx (<= %.1f s): %s\n",
              kPandasSeconds, kPandasSeconds * scale, kPandasSeconds * scale / best, kPandasSeconds / kGoalSeconds,
              kGoalSeconds * scale, best <= kGoalSeconds * scale ? "met" : "NOT met");
  if (!keep) std::filesystem::remove(file);
  return 0;
}
