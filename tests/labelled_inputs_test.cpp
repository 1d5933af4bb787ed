// Users' own labelled audio: the labels CSV and class folders readers (their errors name file,
// line and what was expected), the artist-aware split, and GTZAN's shipped fault-filtered split
// (443 / 197 / 290 files, as Kereliuk, Sturm & Larsen 2015 and torchaudio's lists count them).
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "genrekit/error.h"
#include "genrekit/extraction/labelled_inputs.h"
#include "genrekit/models/file_labels.h"
#include "genrekit/models/stratify.h"
#include "test_support.h"

namespace genrekit {
namespace {

namespace fs = std::filesystem;
using extraction::read_labels_csv;
using extraction::scan_class_folders;

fs::path write_csv(const fs::path& dir, const std::string& text) {
  const auto file = dir / "labels.csv";
  test::write_text(file, text);
  return file;
}

TEST(LabelsCsv, ReadsPathsLabelsSplitsAndArtists) {
  const auto dir = test::scratch_dir();
  const auto csv = write_csv(dir, "label,path,split,artist\nrock,a/1.wav,training,Ann\njazz,/abs/2.mp3,test,\n");
  const auto labelled = read_labels_csv(csv, "");
  ASSERT_EQ(labelled.inputs.size(), 2u);
  EXPECT_TRUE(labelled.has_split);
  EXPECT_TRUE(labelled.has_artist);
  EXPECT_EQ(labelled.inputs[0].key, "a/1.wav");
  EXPECT_EQ(labelled.inputs[0].path, dir / "a/1.wav");  // relative to the CSV's folder
  EXPECT_EQ(labelled.inputs[0].label, "rock");
  EXPECT_EQ(labelled.inputs[0].split, data::Split::Training);
  EXPECT_EQ(labelled.inputs[0].artist, "Ann");
  EXPECT_EQ(labelled.inputs[1].path, fs::path("/abs/2.mp3"));  // absolute as given
  EXPECT_EQ(labelled.inputs[1].artist, "");
  // data.audio_dir, when set, is the root of relative paths.
  EXPECT_EQ(read_labels_csv(csv, "/music").inputs[0].path, fs::path("/music/a/1.wav"));
}

TEST(LabelsCsv, ErrorsNameTheFileLineAndWhatWasExpected) {
  const auto dir = test::scratch_dir();
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label,spilt\na.wav,rock,test\n"), ""), DataError,
                    "labels.csv:1: unknown column 'spilt' (did you mean 'split'?)");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,genre\na.wav,rock\n"), ""), DataError, "labels.csv:1: unknown column 'genre'");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path\na.wav\n"), ""), DataError, "labels.csv:1: no 'label' column");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label,path\n"), ""), DataError, "the column 'path' is named twice");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label\na.wav,rock\nb.wav,\n"), ""), DataError, "labels.csv:3: the label is empty");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label,split\na.wav,rock,train\n"), ""), DataError,
                    "labels.csv:2: split: expected training|validation|test, got 'train'");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label\na.wav,rock\nb.wav,pop\na.wav,jazz\n"), ""), DataError,
                    "labels.csv:4");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label\na.wav\n"), ""), DataError, "labels.csv:2: expected 2 fields, found 1");
  EXPECT_THROW_WITH(read_labels_csv(write_csv(dir, "path,label\n"), ""), DataError, "no rows below the header");
}

TEST(ClassFolders, LabelsEachFileByItsFirstFolder) {
  const auto dir = test::scratch_dir();
  fs::create_directories(dir / "rock/live");
  fs::create_directories(dir / "jazz");
  for (const char* file : {"rock/a.wav", "rock/live/b.mp3", "jazz/c.flac", "jazz/notes.txt"}) test::write_text(dir / file, "x");
  const auto labelled = scan_class_folders(dir);
  std::map<std::string, std::string> label_of;
  for (const auto& input : labelled.inputs) label_of[input.key] = input.label;
  EXPECT_EQ(label_of, (std::map<std::string, std::string>{{"jazz/c.flac", "jazz"}, {"rock/a.wav", "rock"}, {"rock/live/b.mp3", "rock"}}));
  EXPECT_FALSE(labelled.has_split);

  test::write_text(dir / "loose.wav", "x");
  EXPECT_THROW_WITH(scan_class_folders(dir), DataError, "loose.wav: an audio file directly in data.class_folders has no label");
}

// Artists of several tracks and classes: no artist in two splits; each split's share of each
// class close to its target; the same seed the same split, another seed another.
TEST(StratifiedGroupSplit, KeepsArtistsApartAndClassesNearTheirShares) {
  std::vector<std::string> ids, groups;
  std::vector<int> y;
  for (int artist = 0; artist < 120; ++artist)
    for (int track = 0; track < 1 + artist % 4; ++track) {
      ids.push_back("a" + std::to_string(artist) + "t" + std::to_string(track));
      groups.push_back("artist" + std::to_string(artist));
      y.push_back((artist + track / 3) % 3);  // some artists span two classes
    }
  const auto split = models::stratified_group_split(ids, y, groups, 0.2, 0.2, 7);
  std::map<std::string, std::set<data::Split>> splits_of_artist;
  std::map<std::pair<int, data::Split>, double> count;
  std::map<int, double> total;
  for (std::size_t r = 0; r < ids.size(); ++r) {
    splits_of_artist[groups[r]].insert(split[r]);
    count[{y[r], split[r]}] += 1;
    total[y[r]] += 1;
  }
  for (const auto& [artist, splits] : splits_of_artist) EXPECT_EQ(splits.size(), 1u) << artist;
  for (const auto& [label, n] : total) {
    EXPECT_NEAR((count[{label, data::Split::Test}] / n), 0.2, 0.05) << label;
    EXPECT_NEAR((count[{label, data::Split::Validation}] / n), 0.2, 0.05) << label;
  }
  EXPECT_EQ(split, models::stratified_group_split(ids, y, groups, 0.2, 0.2, 7));
  EXPECT_NE(split, models::stratified_group_split(ids, y, groups, 0.2, 0.2, 8));
}

TEST(FileLabels, GivenSplitsAreKeptAndMissingOnesStratified) {
  const auto dir = test::scratch_dir();
  models::FileLabelSettings settings;
  settings.inputs.labels_csv = write_csv(dir, "path,label,split\na.wav,rock,test\nb.wav,pop,validation\n");
  auto labels = models::read_file_labels(settings);
  EXPECT_EQ(labels.by_key.at("a.wav").split, data::Split::Test);
  EXPECT_EQ(labels.by_key.at("b.wav").label, "pop");

  std::string text = "path,label\n";
  std::vector<std::string> ids;
  std::vector<int> y;
  for (int i = 0; i < 40; ++i) {
    ids.push_back("f" + std::to_string(i) + ".wav");
    y.push_back(i % 2);
    text += ids.back() + (i % 2 ? ",pop\n" : ",jazz\n");
  }
  settings.inputs.labels_csv = write_csv(dir, text);
  settings.split.validation_fraction = 0.25;
  settings.split.test_fraction = 0.25;
  labels = models::read_file_labels(settings);
  const auto expected = models::stratified_split(ids, y, 0.25, 0.25, settings.split.seed);  // without artists: per id
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(labels.by_key.at(ids[i]).split, expected[i]) << ids[i];
}

TEST(GtzanFaultFilteredSplit, Holds443TrainingAnd197ValidationAnd290TestFiles) {
  const auto csv = fs::path(GENREKIT_PROJECT_DIR) / "data/gtzan/fault_filtered_split.csv";
  const auto labelled = read_labels_csv(csv, "/gtzan/genres");
  std::map<data::Split, int> per_split;
  std::set<std::string> labels;
  for (const auto& input : labelled.inputs) {
    ++per_split[*input.split];
    labels.insert(input.label);
    EXPECT_EQ(input.key.substr(0, input.label.size() + 1), input.label + "/") << input.key;  // genres/<genre>/<genre>.000NN.wav
  }
  EXPECT_EQ(per_split[data::Split::Training], 443);
  EXPECT_EQ(per_split[data::Split::Validation], 197);
  EXPECT_EQ(per_split[data::Split::Test], 290);
  EXPECT_EQ(labels.size(), 10u);
  EXPECT_EQ(labelled.inputs.front().path, fs::path("/gtzan/genres/blues/blues.00029.wav"));
}

}  // namespace
}  // namespace genrekit
