// The .npy reader against numpy's layout rules: a Fortran-ordered file's data is
// a.ravel(order='F') (first index fastest); read_npy returns C order whatever the file's order.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "genrekit/data/npy.h"
#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::data {
namespace {

// npy_bytes writes C-order headers; the same bytes with fortran_order True (same length) describe
// a Fortran-ordered file.
std::string as_fortran_order(std::string bytes) {
  const auto at = bytes.find("False");
  bytes.replace(at, 5, "True ");
  return bytes;
}

TEST(Npy, FortranOrderThreeDimensionsReadsInCOrder) {
  const std::size_t d0 = 2, d1 = 3, d2 = 4;
  std::vector<float> fortran;  // value(i, j, k) = 100 i + 10 j + k, first index fastest
  for (std::size_t k = 0; k < d2; ++k)
    for (std::size_t j = 0; j < d1; ++j)
      for (std::size_t i = 0; i < d0; ++i) fortran.push_back(static_cast<float>(100 * i + 10 * j + k));
  const auto file = test::scratch_dir() / "fortran.npy";
  test::write_text(file, as_fortran_order(npy_bytes({d0, d1, d2}, fortran, NpyDtype::Float32)));
  const NpyArray array = read_npy(file);
  ASSERT_EQ(array.shape, (std::vector<std::size_t>{d0, d1, d2}));
  std::size_t at = 0;
  for (std::size_t i = 0; i < d0; ++i)
    for (std::size_t j = 0; j < d1; ++j)
      for (std::size_t k = 0; k < d2; ++k) EXPECT_EQ(array.values[at++], static_cast<double>(100 * i + 10 * j + k));
}

TEST(Npy, FortranOrderMatrixReadsInCOrder) {
  const auto file = test::scratch_dir() / "matrix.npy";
  // [[1, 2, 3], [4, 5, 6]] in Fortran order is 1 4 2 5 3 6.
  test::write_text(file, as_fortran_order(npy_bytes({2, 3}, {1, 4, 2, 5, 3, 6}, NpyDtype::Float32)));
  EXPECT_EQ(read_npy(file).values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

// A fuzzing finding: a (huge, 0) Fortran-ordered header holds no values and must read at once.
TEST(Npy, EmptyArrayWithAHugeDimensionReadsAtOnce) {
  const auto file = test::scratch_dir() / "empty.npy";
  test::write_text(file, as_fortran_order(npy_bytes({4000000000000000000ull, 0}, {}, NpyDtype::Float32)));
  const NpyArray array = read_npy(file);
  EXPECT_TRUE(array.values.empty());
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{4000000000000000000ull, 0}));
}

TEST(Npy, TruncatedDataNamesTheFile) {
  const auto file = test::scratch_dir() / "short.npy";
  std::string bytes = npy_bytes({2, 3}, {1, 2, 3, 4, 5, 6}, NpyDtype::Float32);
  bytes.resize(bytes.size() - 4);
  test::write_text(file, bytes);
  EXPECT_THROW_WITH(read_npy(file), DataError, "short.npy: truncated (expected 6 values)");
}

}  // namespace
}  // namespace genrekit::data
