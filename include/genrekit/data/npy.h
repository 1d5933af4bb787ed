#pragma once
// NumPy .npy files (format 1.0/2.0): what numpy.load opens directly.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace genrekit::data {

struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<double> values;  // C (row-major) order, whatever the file's order
};

// Reads little-endian float64, float32 or float16 arrays; DataError naming the file otherwise.
NpyArray read_npy(const std::filesystem::path& file);

enum class NpyDtype { Float16, Float32 };

// The bytes of a C-order .npy file (format 1.0) holding `values` with `shape` as `dtype` (float16
// rounds to nearest even; out-of-range values become +-inf).
std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<float>& values, NpyDtype dtype);

}  // namespace genrekit::data
