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

enum class NpyElement { Float16, Float32, Float64 };

// What a .npy header says: element type, shape, order and where the data starts.
struct NpyLayout {
  NpyElement element = NpyElement::Float32;
  std::vector<std::size_t> shape;
  bool fortran_order = false;
  std::size_t data_offset = 0;  // bytes from the start of the file
  std::size_t element_size() const;
  std::size_t count() const;    // product of the shape
};

// The header at the start of `bytes`; DataError naming `name` for anything but little-endian
// float16/32/64, or a header longer than the bytes.
NpyLayout parse_npy_layout(const char* bytes, std::size_t size, const std::string& name);

// IEEE half -> float (exact).
float half_to_float(std::uint16_t half);

// Reads little-endian float64, float32 or float16 arrays; DataError naming the file otherwise.
NpyArray read_npy(const std::filesystem::path& file);

enum class NpyDtype { Float16, Float32 };

// The bytes of a C-order .npy file (format 1.0) holding `values` with `shape` as `dtype` (float16
// rounds to nearest even; out-of-range values become +-inf).
std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<float>& values, NpyDtype dtype);
// The same for float64 values, written exactly (product of `shape` values read from `values`).
std::string npy_bytes(const std::vector<std::size_t>& shape, const double* values);

}  // namespace genrekit::data
