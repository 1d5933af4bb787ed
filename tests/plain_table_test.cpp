// Plain feature tables (users' own features) and the seeded stratified split and folds they use.
#include <algorithm>
#include <map>

#include "genrekit/error.h"
#include "genrekit/models/dataset.h"
#include "genrekit/models/stratify.h"
#include "test_support.h"

namespace genrekit::models {
namespace {

TEST(PlainTable, ReadsNamedColumnsAnywhereAndKeepsTheRestAsFeatures) {
  const auto file = test::scratch_dir() / "mine.csv";
  test::write_text(file, "energy,name,genre,\"tempo, bpm\",fold\n0.5,a,Rock,120,training\n,b,,90,test\n1e-3,c,Jazz,60,validation\n");
  const auto table = data::read_plain_table(file, {"name", "genre", "fold"});
  EXPECT_EQ(table.features.index, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(table.features.index_name, "name");
  ASSERT_EQ(table.features.columns.size(), 2u);
  EXPECT_EQ(table.features.columns[1].feature, "tempo, bpm");
  EXPECT_TRUE(std::isnan(table.features.at(1, 0)));  // an empty cell is a missing value
  EXPECT_DOUBLE_EQ(table.features.at(2, 0), 1e-3);
  EXPECT_EQ(table.labels, (std::vector<std::string>{"Rock", "", "Jazz"}));

  const LabelledSet set = label_plain(table, 0.1, 0.1, 42);
  EXPECT_EQ(set.ids, (std::vector<std::string>{"a", "c"}));  // b has no label
  EXPECT_EQ(set.classes, (std::vector<std::string>{"Jazz", "Rock"}));
  EXPECT_EQ(set.y, (std::vector<int>{1, 0}));
  EXPECT_EQ(set.split, (std::vector<data::Split>{data::Split::Training, data::Split::Validation}));
  EXPECT_DOUBLE_EQ(set.X(1, 1), 60);
}

TEST(PlainTable, ErrorsNameTheFileLineColumnAndValue) {
  const auto dir = test::scratch_dir();
  test::write_text(dir / "t.csv", "id,genre,x\n1,Rock,0.5\n2,Jazz,loud\n");
  EXPECT_THROW_WITH(data::read_plain_table(dir / "t.csv", {"", "genre", ""}), DataError, "t.csv:3: column 'x': expected a number, got 'loud'");
  EXPECT_THROW_WITH(data::read_plain_table(dir / "t.csv", {"", "label", ""}), DataError, "no column named 'label' (table.label_column)");
  EXPECT_THROW_WITH(data::read_plain_table(dir / "t.csv", {"genre", "genre", ""}), DataError, "named as two of");
  test::write_text(dir / "short.csv", "id,genre,x\n1,Rock\n");
  EXPECT_THROW_WITH(data::read_plain_table(dir / "short.csv", {"", "genre", ""}), DataError, "short.csv:2: expected 3 fields, found 2");
  test::write_text(dir / "split.csv", "id,genre,x,s\n1,Rock,1,train\n");
  const auto table = data::read_plain_table(dir / "split.csv", {"", "genre", "s"});
  EXPECT_THROW_WITH(label_plain(table, 0.1, 0.1, 1), DataError, "row 2 (1)");
  test::write_text(dir / "twice.csv", "id,genre,x\na,Rock,1\nb,Jazz,2\na,Pop,3\n");
  EXPECT_THROW_WITH(data::read_plain_table(dir / "twice.csv", {"", "genre", ""}), DataError,
                    "twice.csv:4: id 'a' is already the id of the row at line 2");
}

std::vector<std::string> ids_of(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) ids.push_back("track" + std::to_string(i));
  return ids;
}

TEST(StratifiedSplit, KeepsClassSharesAndDependsOnlyOnIdsLabelsAndSeed) {
  // 3 classes of 100, 50 and 10 rows.
  std::vector<int> y;
  for (int c : {0, 1, 2})
    for (int k = 0; k < (c == 0 ? 100 : c == 1 ? 50 : 10); ++k) y.push_back(c);
  const auto ids = ids_of(y.size());
  const auto split = stratified_split(ids, y, 0.1, 0.2, 7);
  std::map<std::pair<int, data::Split>, int> count;
  for (std::size_t r = 0; r < y.size(); ++r) ++count[{y[r], split[r]}];
  EXPECT_EQ((count[{0, data::Split::Test}]), 20);
  EXPECT_EQ((count[{0, data::Split::Validation}]), 10);
  EXPECT_EQ((count[{1, data::Split::Test}]), 10);
  EXPECT_EQ((count[{1, data::Split::Validation}]), 5);
  EXPECT_EQ((count[{2, data::Split::Test}]), 2);
  EXPECT_EQ((count[{2, data::Split::Validation}]), 1);

  // Reversing the rows changes nothing per id; another seed changes the assignment.
  std::vector<std::string> reversed_ids(ids.rbegin(), ids.rend());
  std::vector<int> reversed_y(y.rbegin(), y.rend());
  const auto reversed = stratified_split(reversed_ids, reversed_y, 0.1, 0.2, 7);
  for (std::size_t r = 0; r < y.size(); ++r) EXPECT_EQ(reversed[y.size() - 1 - r], split[r]);
  EXPECT_NE(stratified_split(ids, y, 0.1, 0.2, 8), split);
  EXPECT_THROW(stratified_split(ids, y, 0.5, 0.5, 1), std::invalid_argument);
}

TEST(StratifiedFolds, BalanceClassesAndSizes) {
  std::vector<int> y;
  for (int c = 0; c < 4; ++c)
    for (int k = 0; k < 7 + c; ++k) y.push_back(c);
  const auto folds = stratified_folds(ids_of(y.size()), y, 3, 1);
  std::map<int, int> size;
  std::map<std::pair<int, int>, int> per_class;
  for (std::size_t r = 0; r < y.size(); ++r) {
    ++size[folds[r]];
    ++per_class[{y[r], folds[r]}];
  }
  ASSERT_EQ(size.size(), 3u);
  const auto [smallest, largest] = std::minmax({size[0], size[1], size[2]});
  EXPECT_LE(largest - smallest, 1);
  for (int c = 0; c < 4; ++c) {
    const auto [a, b] = std::minmax({per_class[std::pair(c, 0)], per_class[std::pair(c, 1)], per_class[std::pair(c, 2)]});
    EXPECT_LE(b - a, 1) << "class " << c;
  }
  EXPECT_THROW(stratified_folds(ids_of(y.size()), y, 1, 1), std::invalid_argument);
}

}  // namespace
}  // namespace genrekit::models
