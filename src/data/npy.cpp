#include "genrekit/data/npy.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <numeric>
#include <string>

#include "genrekit/error.h"

namespace genrekit::data {

namespace {

double half_to_double(std::uint16_t h) {
  const int exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
  const double sign = (h & 0x8000) ? -1.0 : 1.0;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  if (exponent == 31) return mantissa ? std::nan("") : sign * INFINITY;
  return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

std::string header_value(const std::string& header, const std::string& key) {
  const auto at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  auto start = header.find(':', at) + 1;
  while (header[start] == ' ') ++start;
  const char open = header[start];
  const char close = open == '(' ? ')' : open == '\'' ? '\'' : ',';
  const auto end = header.find(close, start + 1);
  return header.substr(start, end - start + (close == ',' ? 0 : 1));
}

}  // namespace

NpyArray read_npy(const std::filesystem::path& file) {
  static_assert(std::endian::native == std::endian::little, "the .npy reader assumes a little-endian host");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot open");
  char magic[8];
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) throw DataError(file.string() + ": not a .npy file");
  std::uint32_t header_length = 0;
  if (magic[6] == 1) {
    std::uint16_t length = 0;
    in.read(reinterpret_cast<char*>(&length), 2);
    header_length = length;
  } else {
    in.read(reinterpret_cast<char*>(&header_length), 4);
  }
  std::string header(header_length, '\0');
  in.read(header.data(), header_length);
  const std::string descr = header_value(header, "descr");
  const bool fortran = header_value(header, "fortran_order").starts_with("True");
  const std::string shape_text = header_value(header, "shape");
  NpyArray array;
  for (std::size_t i = 1; i < shape_text.size();) {
    const auto end = shape_text.find_first_of(",)", i);
    const std::string item = shape_text.substr(i, end - i);
    if (item.find_first_not_of(' ') != std::string::npos) array.shape.push_back(std::stoul(item));
    i = end + 1;
  }
  const std::size_t count = std::accumulate(array.shape.begin(), array.shape.end(), std::size_t{1}, std::multiplies<>());
  array.values.resize(count);
  if (descr == "'<f8'") {
    in.read(reinterpret_cast<char*>(array.values.data()), static_cast<std::streamsize>(count * 8));
  } else if (descr == "'<f4'" || descr == "'<f2'") {
    const std::size_t width = descr == "'<f4'" ? 4 : 2;
    std::vector<char> raw(count * width);
    in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
    for (std::size_t i = 0; i < count; ++i) {
      if (width == 4) {
        float f;
        std::memcpy(&f, raw.data() + 4 * i, 4);
        array.values[i] = f;
      } else {
        std::uint16_t h;
        std::memcpy(&h, raw.data() + 2 * i, 2);
        array.values[i] = half_to_double(h);
      }
    }
  } else {
    throw DataError(file.string() + ": unsupported dtype " + descr + " (expected <f8, <f4 or <f2)");
  }
  if (!in) throw DataError(file.string() + ": truncated (expected " + std::to_string(count) + " values)");
  if (fortran && array.shape.size() == 2) {  // to C order
    std::vector<double> c_order(count);
    const std::size_t rows = array.shape[0], cols = array.shape[1];
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) c_order[r * cols + c] = array.values[c * rows + r];
    array.values = std::move(c_order);
  }
  return array;
}

}  // namespace genrekit::data
