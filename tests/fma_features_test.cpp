// The 518 FMA features of the six reference clips against librosa 0.5.0's golden values
// (tests/data/reference/fma518_librosa050.csv). Criterion (issue 3): at least 99 % of all values
// within 1e-3 x max(|ref|, 1) of the golden value, and every value within 1e-2 x max(|ref|, 1).
#include <algorithm>
#include <cmath>
#include <map>

#include "genrekit/audio/audio_file.h"
#include "genrekit/audio/decoder.h"
#include "genrekit/audio/mono.h"
#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/features/fma_features.h"
#include "test_support.h"

namespace genrekit::features {
namespace {

struct GoldenRow {
  std::string path;
  std::vector<double> values;
};

std::vector<GoldenRow> golden_rows(const std::string& name, std::vector<std::string>& header) {
  data::MappedFile file(test::fixture("reference/" + name));
  data::CsvCursor csv(file.begin(), file.end(), name);
  std::vector<GoldenRow> rows;
  csv.next_record();
  while (!csv.record_end()) header.emplace_back(csv.next_field());
  while (csv.next_record()) {
    GoldenRow row{std::string(csv.next_field()), {}};
    double v = 0;
    while (!csv.record_end() && csv.next_number(v)) row.values.push_back(v);
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(FmaFeatures, ColumnsAreFmasOrder) {
  const auto& columns = fma_feature_columns();
  ASSERT_EQ(columns.size(), kFmaFeatureCount);
  std::vector<std::string> header;
  golden_rows("fma518_librosa050.csv", header);
  ASSERT_EQ(header.size(), kFmaFeatureCount + 1);
  for (std::size_t i = 0; i < columns.size(); ++i)
    EXPECT_EQ(columns[i].feature + "/" + columns[i].statistic + "/" + columns[i].number, header[i + 1]);
  // The block offsets the thesis lists: chroma_cens 0-83, mfcc 252-391, zcr 511-517.
  EXPECT_EQ(columns[0].feature, "chroma_cens");
  EXPECT_EQ(columns[252].feature, "mfcc");
  EXPECT_EQ(columns[511].feature, "zcr");
}

// Our 518 values for every row of a golden file, compared value by value.
struct Comparison {
  std::size_t total = 0, within_tight = 0;
  double worst_outside_contrast = 0, worst_contrast = 0;
  std::map<std::string, double> worst;  // column -> worst relative error over the clips
};

Comparison compare_with(const std::string& golden_file, audio::Decoder decoder, double tight) {
  std::vector<std::string> header;
  const auto rows = golden_rows(golden_file, header);
  EXPECT_EQ(rows.size(), 6u);
  Comparison result;
  for (const auto& row : rows) {
    EXPECT_EQ(row.values.size(), kFmaFeatureCount) << row.path;
    const auto audio = audio::decode(test::fixture("reference/audio/" + row.path), decoder);
    const auto ours = fma_features(audio::to_mono(audio), audio.sample_rate, FmaProfile::Fma);
    for (std::size_t i = 0; i < kFmaFeatureCount && i < row.values.size(); ++i) {
      const double ref = row.values[i];
      const std::string& column = header[i + 1];
      ++result.total;
      if (std::isnan(ref) || std::isnan(ours[i])) {
        EXPECT_EQ(std::isnan(ref), std::isnan(ours[i])) << row.path << " " << column;
        result.within_tight += std::isnan(ref) == std::isnan(ours[i]);
        continue;
      }
      const double error = std::fabs(ours[i] - ref) / std::max(std::fabs(ref), 1.0);
      result.worst[column] = std::max(result.worst[column], error);
      result.within_tight += error <= tight;
      double& bucket = column.starts_with("spectral_contrast/") ? result.worst_contrast : result.worst_outside_contrast;
      bucket = std::max(bucket, error);
    }
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [column, error] : result.worst) ranked.emplace_back(error, column);
  std::sort(ranked.rbegin(), ranked.rend());
  std::printf("  %s: %zu values, %.2f %% within %.0e; worst columns:\n", golden_file.c_str(), result.total,
              100.0 * static_cast<double>(result.within_tight) / static_cast<double>(result.total), tight);
  for (std::size_t i = 0; i < 6 && i < ranked.size(); ++i)
    std::printf("    %-32s %.2e\n", ranked[i].second.c_str(), ranked[i].first);
  return result;
}

// Against FMA's own pipeline, decoding as FMA's loader did (FFmpeg, 16-bit): the criterion
// (>= 99 % within 1e-3 x max(|ref|, 1), all within 1e-2) and, tighter, what we measure: every one of
// the 6 x 518 values within 1e-5 (the worst is ~7e-7).
TEST(FmaFeatures, ReferenceClipsMatchLibrosa050) {
  const Comparison c = compare_with("fma518_librosa050.csv", audio::Decoder::FfmpegS16, 1e-5);
  EXPECT_EQ(c.within_tight, c.total);
  EXPECT_LE(std::max(c.worst_outside_contrast, c.worst_contrast), 1e-5);
}

// Same signal in, same numbers out, for the libsndfile path: against librosa 0.5.0 run on the very
// samples libsndfile gives us (rounded to 16 bits), every value agrees to 1e-5 x max(|ref|, 1).
// Against FMA's ffmpeg-decoded values that path differs in spectral_contrast statistics by up to
// ~15 % (mpg123 and ffmpeg round 0.3 % of samples to other 16-bit values; the contrast valleys are
// the quietest bins) and, for Ogg, in a few CQT statistics by up to 2e-2.
TEST(FmaFeatures, SameSignalMatchesLibrosa050Exactly) {
  const Comparison c = compare_with("fma518_librosa050_libsndfile16.csv", audio::Decoder::SndfileS16, 1e-5);
  EXPECT_EQ(c.within_tight, c.total);
}

}  // namespace
}  // namespace genrekit::features
