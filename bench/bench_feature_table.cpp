// Loading FMA's features.csv: 106,574 rows x 518 columns, ~950 MB of "%.10e" values, against the
// reference run in the same invocation: pandas' pd.read_csv(path, index_col=0, header=[0, 1, 2])
// (Debian's python3-pandas under /usr/bin/python3). Goal: >= 5x pandas.
//
//   bench_feature_table [--rows N] [--file PATH] [--keep] [--threads N]
// Writes a synthetic table of FMA's shape (values spread over FMA's magnitudes, a few NaN), then
// times reading it back with genrekit on one thread, on N threads (default: every core) and with
// pandas, alternating, three rounds, and prints the bests and the ratios.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "genrekit/data/feature_table.h"

namespace {

constexpr double kGoalRatio = 5.0;
constexpr std::size_t kFmaRows = 106574;

// Seconds pandas takes to read `file` as FMA's features.csv, timed inside Python (interpreter start
// excluded); a negative number when /usr/bin/python3 or pandas is not there.
double pandas_seconds(const std::filesystem::path& file) {
  const std::string command =
      "/usr/bin/python3 -c \"import sys, time, pandas as pd; t = time.perf_counter(); "
      "pd.read_csv(sys.argv[1], index_col=0, header=[0, 1, 2]); print(time.perf_counter() - t)\" '" + file.string() + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return -1;
  double seconds = -1;
  if (std::fscanf(pipe, "%lf", &seconds) != 1) seconds = -1;
  return pclose(pipe) == 0 ? seconds : -1;
}

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
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) rows = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (!std::strcmp(argv[i], "--file") && i + 1 < argc) file = argv[++i];
    else if (!std::strcmp(argv[i], "--keep")) keep = true;
    else {
      std::fprintf(stderr, "usage: bench_feature_table [--rows N] [--file PATH] [--keep] [--threads N]\n");
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

  double best[2] = {1e300, 1e300}, pandas_best = 1e300;
  const unsigned thread_counts[2] = {1, threads};
  bool pandas_ran = true;
  for (int run = 0; run < 3; ++run) {
    double seconds[2];
    for (int t = 0; t < 2; ++t) {
      start = std::chrono::steady_clock::now();
      const auto loaded = genrekit::data::read_feature_csv(file, thread_counts[t]);
      seconds[t] = seconds_since(start);
      best[t] = std::min(best[t], seconds[t]);
      if (loaded.rows() != rows || loaded.cols() != table.cols() || loaded.index != table.index) {
        std::fprintf(stderr, "read back %zu x %zu, expected %zu x %zu\n", loaded.rows(), loaded.cols(), rows, table.cols());
        return 1;
      }
    }
    const double reference = pandas_ran ? pandas_seconds(file) : -1;
    pandas_ran = reference >= 0;
    if (pandas_ran) pandas_best = std::min(pandas_best, reference);
    std::printf("  round %d: genrekit %.3f s on 1 thread, %.3f s on %u; pandas %s\n", run + 1, seconds[0], seconds[1], threads,
                pandas_ran ? (std::to_string(reference).substr(0, 6) + " s").c_str() : "not run");
  }
  for (int t = 0; t < 2; ++t)
    std::printf("read_feature_csv (%u thread%s, best of 3): %.3f s, %.0f MB/s, %.1f M values/s\n", thread_counts[t],
                thread_counts[t] == 1 ? "" : "s", best[t], megabytes / best[t], static_cast<double>(rows * table.cols()) / best[t] / 1e6);
  if (pandas_ran)
    std::printf("pandas read_csv (best of 3, same file, same run): %.3f s; genrekit %.2fx faster on 1 thread, %.2fx on %u; goal >= "
                "%.1fx: %s\n",
                pandas_best, pandas_best / best[0], pandas_best / best[1], threads, kGoalRatio,
                pandas_best / best[1] >= kGoalRatio ? "met" : "NOT met");
  else
    std::printf("pandas read_csv: not run (needs /usr/bin/python3 with python3-pandas), so no ratio\n");
  if (!keep) std::filesystem::remove(file);
  return 0;
}
