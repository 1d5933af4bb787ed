#pragma once
// NumPy .npy files (format 1.0/2.0): what numpy.load opens directly.
#include <cstddef>
#include <filesystem>
#include <vector>

namespace genrekit::data {

struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<double> values;  // C (row-major) order, whatever the file's order
};

// Reads little-endian float64, float32 or float16 arrays; DataError naming the file otherwise.
NpyArray read_npy(const std::filesystem::path& file);

}  // namespace genrekit::data
