// The log-mel shard reader and batch loader: what extract wrote comes back exactly, batches do not
// depend on the number of builder threads, crops and shuffles follow (seed, epoch), the input
// scalings do what they say, and bad shards are named.
#include <algorithm>
#include <cmath>

#include "genrekit/data/log_mel_batches.h"
#include "genrekit/data/npy.h"
#include "genrekit/error.h"
#include "log_mel_fixture.h"

namespace genrekit::data {
namespace {

std::vector<std::size_t> all_entries(const LogMelShards& shards) {
  std::vector<std::size_t> entries(shards.entries().size());
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i] = i;
  return entries;
}

std::vector<Batch> epoch_batches(LogMelBatches& batches, std::uint64_t epoch) {
  std::vector<Batch> out;
  batches.start_epoch(epoch);
  while (auto batch = batches.next()) out.push_back(std::move(*batch));
  return out;
}

TEST(LogMelShards, ReadsWhatExtractWrites) {
  test::LogMelFixture f;
  f.dtype = NpyDtype::Float32;
  const LogMelShards shards(test::write_log_mel_fixture(test::scratch_dir(), f));
  ASSERT_EQ(shards.entries().size(), 48u);  // (12 + 6 + 6) x 2 classes, in 3 shards of 16
  EXPECT_EQ(shards.frames(), 40);
  EXPECT_EQ(shards.mels(), 8);
  EXPECT_EQ(shards.entries()[17].shard, 1u);
  EXPECT_EQ(shards.entries()[17].row, 1u);
  EXPECT_EQ(shards.entries()[1].genre, "Genre1");
  EXPECT_EQ(shards.entries()[47].split, "test");
  std::vector<float> item(40 * 8);
  shards.copy_frames(0, 0, 40, item.data());
  EXPECT_GT(item[0], item[7]);  // Genre0 is loud in the low bands
  std::vector<float> window(3 * 8);
  shards.copy_frames(0, 10, 3, window.data());
  EXPECT_TRUE(std::equal(window.begin(), window.end(), item.begin() + 80));
  EXPECT_THROW(shards.copy_frames(0, 39, 2, window.data()), std::out_of_range);
}

TEST(LogMelShards, NamesWhatIsWrong) {
  const auto dir = test::write_log_mel_fixture(test::scratch_dir() / "logmel");
  std::filesystem::remove(dir / "shard-00002.npy");
  EXPECT_THROW_WITH(LogMelShards{dir}, DataError, "shard-00002.npy: missing shard listed in");
  const auto other = test::write_log_mel_fixture(dir.parent_path() / "other", {.frames = 30});
  std::filesystem::copy_file(other / "shard-00002.npy", dir / "shard-00002.npy");
  EXPECT_THROW_WITH(LogMelShards{dir}, DataError, "shard-00002.npy: 30 frames x 8 mels, but the first shard has 40 x 8");
  test::write_text(dir / "index.csv", "key,shard,row,genre,split\n1,shard-00000.npy,16,Rock,test\n");
  EXPECT_THROW_WITH(LogMelShards{dir}, DataError, "index.csv:2: row 16 but shard-00000.npy holds 16 items");
  EXPECT_THROW_WITH(LogMelShards{dir / "nowhere"}, DataError, "no spectrogram index");
}

// Headers the fuzzer wrote (tests/fuzz/regressions/fuzz_npy): a shape that is not a tuple of
// sizes, and sizes whose product overflows, are DataErrors naming the file.
TEST(Npy, CorruptShapesAreNamed) {
  const auto header = [](const std::string& shape) {
    std::string dict = "{'descr': '<f2', 'fortran_order': False, 'shape': " + shape + ", }";
    dict.resize(117, ' ');
    dict += '\n';
    return std::string("\x93NUMPY\x01\x00\x76\x00", 10) + dict;
  };
  EXPECT_EQ(parse_npy_layout(header("(2, 5, 3)").data(), 128, "a.npy").shape, (std::vector<std::size_t>{2, 5, 3}));
  EXPECT_EQ(parse_npy_layout(header("(7,)").data(), 128, "a.npy").shape, (std::vector<std::size_t>{7}));
  EXPECT_THROW_WITH(parse_npy_layout(header("(2, x, 3)").data(), 128, "a.npy"), DataError, "a.npy: bad shape (2, x, 3) in the .npy header");
  EXPECT_THROW_WITH(parse_npy_layout(header("(,3)").data(), 128, "a.npy"), DataError, "bad shape");
  EXPECT_THROW_WITH(parse_npy_layout(header("(4294967296, 4294967296)").data(), 128, "a.npy"), DataError, "bad shape");
  std::string no_shape = header("(2,)");
  no_shape.replace(no_shape.find("'shape'"), 7, "'shape|");
  EXPECT_THROW_WITH(parse_npy_layout(no_shape.data(), 128, "a.npy"), DataError, "bad shape (none)");
}

TEST(LogMelBatches, SameBatchesOnAnyThreadCountAndNewOrderEachEpoch) {
  const LogMelShards shards(test::write_log_mel_fixture(test::scratch_dir()));
  const auto entries = all_entries(shards);
  std::vector<std::int64_t> labels(entries.size());
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::int64_t>(i % 2);
  const auto scaling = fit_band_scaling(shards, entries, InputScaling::None);
  BatchSettings settings{.batch_size = 5, .crop_frames = 16, .shuffle = true, .threads = 1, .prefetch = 2, .seed = 9};
  LogMelBatches one(shards, entries, labels, scaling, settings);
  settings.threads = 3;
  LogMelBatches three(shards, entries, labels, scaling, settings);
  EXPECT_EQ(one.batches_per_epoch(), 10u);  // 48 items, the last batch holds 3
  const auto a = epoch_batches(one, 4), b = epoch_batches(three, 4), c = epoch_batches(one, 5);
  ASSERT_EQ(a.size(), 10u);
  ASSERT_EQ(b.size(), 10u);
  EXPECT_EQ(a.back().labels.size(), 3u);
  std::vector<std::size_t> seen;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].entries, b[i].entries);
    EXPECT_EQ(a[i].inputs, b[i].inputs);  // the same crops too
    EXPECT_EQ(a[i].frames, 16);
    seen.insert(seen.end(), a[i].entries.begin(), a[i].entries.end());
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, entries);  // every item once per epoch
  EXPECT_NE(a[0].entries, c[0].entries);  // another epoch, another order
}

// Data-parallel parts: the parts of one batch on ranks 0..2 are the whole batch's items, dealt out in
// turn, with the whole batch's crops; the last batch (3 items) leaves rank 2 one and ranks 0, 1 one each.
TEST(LogMelBatches, RanksSplitEveryBatchOfTheOneProcessEpoch) {
  const LogMelShards shards(test::write_log_mel_fixture(test::scratch_dir()));
  const auto entries = all_entries(shards);
  const std::vector<std::int64_t> labels(entries.size(), 0);
  const auto scaling = fit_band_scaling(shards, entries, InputScaling::None);
  BatchSettings settings{.batch_size = 5, .crop_frames = 16, .shuffle = true, .threads = 2, .prefetch = 2, .seed = 9};
  LogMelBatches whole(shards, entries, labels, scaling, settings);
  const auto reference = epoch_batches(whole, 3);
  std::vector<std::vector<Batch>> parts;
  for (int rank = 0; rank < 3; ++rank) {
    settings.rank = rank;
    settings.world_size = 3;
    LogMelBatches part(shards, entries, labels, scaling, settings);
    parts.push_back(epoch_batches(part, 3));
    ASSERT_EQ(parts.back().size(), reference.size());
  }
  const std::size_t values = 16 * static_cast<std::size_t>(shards.mels());
  for (std::size_t b = 0; b < reference.size(); ++b)
    for (std::size_t i = 0; i < reference[b].entries.size(); ++i) {
      const Batch& part = parts[i % 3][b];
      EXPECT_EQ(part.global_size, reference[b].entries.size());
      ASSERT_LT(i / 3, part.entries.size());
      EXPECT_EQ(part.entries[i / 3], reference[b].entries[i]);
      EXPECT_TRUE(std::equal(part.inputs.begin() + static_cast<std::ptrdiff_t>(i / 3 * values),
                             part.inputs.begin() + static_cast<std::ptrdiff_t>((i / 3 + 1) * values),
                             reference[b].inputs.begin() + static_cast<std::ptrdiff_t>(i * values)));
    }
  EXPECT_EQ(parts[2].back().entries.size(), 1u);  // 48 items: the last batch holds 3
  EXPECT_EQ(parts[0][0].entries.size(), 2u);       // 5 = 2 + 2 + 1
  EXPECT_EQ(parts[2][0].entries.size(), 1u);
}

TEST(LogMelBatches, ScalingsDoWhatTheySay) {
  const LogMelShards shards(test::write_log_mel_fixture(test::scratch_dir()));
  const auto entries = all_entries(shards);
  const std::vector<std::int64_t> labels(entries.size(), 0);
  for (const auto kind : {InputScaling::Standardize, InputScaling::MinusOneToOne}) {
    LogMelBatches batches(shards, entries, labels, fit_band_scaling(shards, entries, kind),
                          {.batch_size = 48, .shuffle = false, .threads = 2});
    const auto all = epoch_batches(batches, 0);
    ASSERT_EQ(all.size(), 1u);
    for (int band = 0; band < 8; ++band) {
      double sum = 0, square = 0, low = 1e9, high = -1e9;
      const auto& x = all[0].inputs;
      for (std::size_t i = static_cast<std::size_t>(band); i < x.size(); i += 8) {
        sum += x[i];
        square += x[i] * x[i];
        low = std::min<double>(low, x[i]);
        high = std::max<double>(high, x[i]);
      }
      const double n = static_cast<double>(x.size() / 8);
      if (kind == InputScaling::Standardize) {
        EXPECT_NEAR(sum / n, 0, 1e-4) << band;
        EXPECT_NEAR(square / n, 1, 1e-3) << band;
      } else {
        EXPECT_NEAR(low, -1, 1e-5) << band;
        EXPECT_NEAR(high, 1, 1e-5) << band;
      }
    }
  }
}

}  // namespace
}  // namespace genrekit::data
