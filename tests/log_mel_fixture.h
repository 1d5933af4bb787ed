#pragma once
// Small log-mel shard sets written on the fly, as `extract` writes them (index.csv + .npy shards),
// for the loader and network tests: class k's clips are loud in mel bands [k * mels / classes, ...)
// and quiet elsewhere, with seeded noise, so a network can learn them in a few epochs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/data/npy.h"
#include "genrekit/runtime/splitmix.h"
#include "test_support.h"

namespace genrekit::test {

struct LogMelFixture {
  int frames = 40;
  int mels = 8;
  int classes = 2;
  int per_class_and_split[3] = {12, 6, 6};  // training, validation, test
  int shard_size = 16;
  data::NpyDtype dtype = data::NpyDtype::Float16;
};

// Writes dir/index.csv and dir/shard-NNNNN.npy; returns dir.
inline std::filesystem::path write_log_mel_fixture(const std::filesystem::path& dir, const LogMelFixture& f = {}) {
  std::filesystem::create_directories(dir);
  const char* splits[] = {"training", "validation", "test"};
  std::string index = "key,shard,row,genre,split\n";
  std::vector<float> values;
  std::size_t items = 0, shard = 0;
  const auto flush = [&] {
    if (items == 0) return;
    char name[32];
    std::snprintf(name, sizeof name, "shard-%05zu.npy", shard++);
    write_text(dir / name, data::npy_bytes({items, static_cast<std::size_t>(f.frames), static_cast<std::size_t>(f.mels)}, values, f.dtype));
    values.clear();
    items = 0;
  };
  std::uint64_t noise = 7;
  int key = 100;
  for (int s = 0; s < 3; ++s)
    for (int i = 0; i < f.per_class_and_split[s]; ++i)
      for (int k = 0; k < f.classes; ++k) {
        char shard_name[32];
        std::snprintf(shard_name, sizeof shard_name, "shard-%05zu.npy", shard);
        index += std::to_string(key++) + "," + shard_name + "," + std::to_string(items) + ",Genre" + std::to_string(k) + "," +
                 splits[s] + "\n";
        for (int t = 0; t < f.frames; ++t)
          for (int m = 0; m < f.mels; ++m) {
            noise = runtime::splitmix64(noise);
            const bool loud = m * f.classes / f.mels == k;
            values.push_back((loud ? -2.0f : -8.0f) + static_cast<float>(noise % 1000) / 250.0f);
          }
        if (++items == static_cast<std::size_t>(f.shard_size)) flush();
      }
  flush();
  write_text(dir / "index.csv", index);
  return dir;
}

}  // namespace genrekit::test
