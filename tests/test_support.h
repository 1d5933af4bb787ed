#pragma once
// Helpers shared by the tests: fixture paths and scratch directories.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace genrekit::test {

inline std::filesystem::path fixture(std::string_view relative) {
  return std::filesystem::path(GENREKIT_TEST_DATA_DIR) / relative;
}

// A fresh empty directory under the build tree, named after the running test.
inline std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::temp_directory_path() / "genrekit-tests" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_text(const std::filesystem::path& file, std::string_view text) {
  std::ofstream(file, std::ios::binary) << text;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// EXPECT that `statement` throws `Exception` whose message contains `needle`.
#define EXPECT_THROW_WITH(statement, Exception, needle)                                        \
  do {                                                                                          \
    try {                                                                                       \
      statement;                                                                                \
      ADD_FAILURE() << "expected " #Exception " containing \"" << (needle) << "\"";            \
    } catch (const Exception& e) {                                                              \
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what(); \
    }                                                                                           \
  } while (0)

}  // namespace genrekit::test
