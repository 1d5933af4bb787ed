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

// float -> IEEE half, round to nearest even (numpy's astype(float16)).
std::uint16_t float_to_half(float value) {
  std::uint32_t f;
  std::memcpy(&f, &value, 4);
  const std::uint32_t sign = (f >> 16) & 0x8000;
  const std::uint32_t magnitude = f & 0x7FFFFFFF;
  if (magnitude > 0x7F800000) return static_cast<std::uint16_t>(sign | 0x7E00);  // NaN
  if (magnitude >= 0x477FF000) return static_cast<std::uint16_t>(sign | 0x7C00);  // rounds past 65504: inf
  if (magnitude < 0x38800000) {  // subnormal half (or zero): round the scaled value to nearest even
    const float scaled = std::fabs(value) * 16777216.0f;  // 2^24 = 1 / smallest subnormal
    return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(std::nearbyint(scaled)));
  }
  // Normal: rebias the exponent, round the 13 dropped mantissa bits to nearest even.
  const std::uint32_t rebased = magnitude - 0x38000000;
  const std::uint32_t rounding = 0x0FFF + ((rebased >> 13) & 1);
  return static_cast<std::uint16_t>(sign | ((rebased + rounding) >> 13));
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

std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<float>& values, NpyDtype dtype) {
  // Python's tuple repr: "(3,)", "(2, 646, 128)".
  std::string shape_text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) shape_text += (i ? ", " : "") + std::to_string(shape[i]);
  shape_text += shape.size() == 1 ? ",)" : ")";
  std::string header = std::string("{'descr': '") + (dtype == NpyDtype::Float16 ? "<f2" : "<f4") +
                       "', 'fortran_order': False, 'shape': " + shape_text + ", }";
  // Magic (6) + version (2) + length (2) + header + newline, padded with spaces to 64 bytes.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto length = static_cast<std::uint16_t>(header.size());
  out.append(reinterpret_cast<const char*>(&length), 2);
  out += header;
  if (dtype == NpyDtype::Float32) {
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  } else {
    std::vector<std::uint16_t> halves(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) halves[i] = float_to_half(values[i]);
    out.append(reinterpret_cast<const char*>(halves.data()), halves.size() * 2);
  }
  return out;
}

}  // namespace genrekit::data
