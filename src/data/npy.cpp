#include "genrekit/data/npy.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

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

// The text of `key`'s value in the header's dict ("" when the key or its value's end is missing):
// a quoted string with its quotes, a tuple with its parentheses, anything else up to the next comma.
std::string header_value(const std::string& header, const std::string& key) {
  const auto at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  auto start = header.find(':', at);
  if (start == std::string::npos) return "";
  start = header.find_first_not_of(' ', start + 1);
  if (start == std::string::npos) return "";
  const char open = header[start];
  const char close = open == '(' ? ')' : open == '\'' ? '\'' : ',';
  const auto end = header.find(close, start + 1);
  if (end == std::string::npos) return "";
  return header.substr(start, end - start + (close == ',' ? 0 : 1));
}

// "(2, 646, 128)", "(5,)", "()": the sizes, and their product checked against overflow with the
// element size (a corrupt header must not make the reader's length check wrap around).
std::vector<std::size_t> parse_shape(const std::string& text, std::size_t element_size, const std::string& name) {
  const auto bad = [&] { return DataError(name + ": bad shape " + (text.empty() ? "(none)" : text) + " in the .npy header (expected a tuple of sizes)"); };
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') throw bad();
  std::vector<std::size_t> shape;
  std::size_t bytes = element_size;
  for (std::size_t i = 1; i < text.size();) {
    const auto end = text.find_first_of(",)", i);
    const auto first = text.find_first_not_of(' ', i), last = text.find_last_not_of(' ', end - 1);
    if (first < end) {  // else an empty item: the tuple's trailing comma
      std::size_t size = 0;
      const auto [ptr, error] = std::from_chars(text.data() + first, text.data() + last + 1, size);
      if (error != std::errc() || ptr != text.data() + last + 1 || __builtin_mul_overflow(bytes, size, &bytes)) throw bad();
      shape.push_back(size);
    } else if (end + 1 < text.size()) {
      throw bad();  // an empty item before the last
    }
    i = end + 1;
  }
  return shape;
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

// The values of a Fortran-ordered array (first index fastest) in C order (last index fastest). The walk
// is over the values, never over a dimension alone: a corrupt header's (huge, 0) shape holds nothing.
std::vector<double> to_c_order(const std::vector<double>& fortran, const std::vector<std::size_t>& shape) {
  std::vector<std::size_t> fortran_stride(shape.size(), 1);
  for (std::size_t axis = 1; axis < shape.size(); ++axis) fortran_stride[axis] = fortran_stride[axis - 1] * shape[axis - 1];
  std::vector<double> c_order(fortran.size());
  std::vector<std::size_t> index(shape.size(), 0);
  std::size_t source = 0;
  for (double& value : c_order) {
    value = fortran[source];
    for (std::size_t axis = shape.size(); axis-- > 0;) {  // the odometer: the last axis turns fastest
      source += fortran_stride[axis];
      if (++index[axis] < shape[axis]) break;
      source -= fortran_stride[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return c_order;
}

}  // namespace

std::size_t NpyLayout::element_size() const {
  return element == NpyElement::Float16 ? 2 : element == NpyElement::Float32 ? 4 : 8;
}

std::size_t NpyLayout::count() const {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
}

float half_to_float(std::uint16_t half) {
  // A 256 KB table: the training loader converts ~80,000 halves per clip.
  static const std::vector<float> table = [] {
    std::vector<float> values(65536);
    for (std::uint32_t h = 0; h < 65536; ++h) values[h] = static_cast<float>(half_to_double(static_cast<std::uint16_t>(h)));
    return values;
  }();
  return table[half];
}

NpyLayout parse_npy_layout(const char* bytes, std::size_t size, const std::string& name) {
  static_assert(std::endian::native == std::endian::little, "the .npy reader assumes a little-endian host");
  if (size < 10 || std::memcmp(bytes, "\x93NUMPY", 6) != 0) throw DataError(name + ": not a .npy file");
  std::size_t header_length = 0, prefix = 10;
  if (bytes[6] == 1) {
    std::uint16_t length = 0;
    std::memcpy(&length, bytes + 8, 2);
    header_length = length;
  } else {
    std::uint32_t length = 0;
    if (size < 12) throw DataError(name + ": truncated .npy header");
    std::memcpy(&length, bytes + 8, 4);
    header_length = length;
    prefix = 12;
  }
  if (prefix + header_length > size) throw DataError(name + ": truncated .npy header");
  const std::string header(bytes + prefix, header_length);
  NpyLayout layout;
  layout.data_offset = prefix + header_length;
  const std::string descr = header_value(header, "descr");
  if (descr == "'<f8'") layout.element = NpyElement::Float64;
  else if (descr == "'<f4'") layout.element = NpyElement::Float32;
  else if (descr == "'<f2'") layout.element = NpyElement::Float16;
  else throw DataError(name + ": unsupported dtype " + descr + " (expected <f8, <f4 or <f2)");
  layout.fortran_order = header_value(header, "fortran_order").starts_with("True");
  layout.shape = parse_shape(header_value(header, "shape"), layout.element_size(), name);
  return layout;
}

NpyArray read_npy(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot open");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const NpyLayout layout = parse_npy_layout(bytes.data(), bytes.size(), file.string());
  const std::size_t count = layout.count();
  if (bytes.size() - layout.data_offset < count * layout.element_size())  // no wrap-around: parse_npy_layout bounds both
    throw DataError(file.string() + ": truncated (expected " + std::to_string(count) + " values)");
  const char* data = bytes.data() + layout.data_offset;
  NpyArray array;
  array.shape = layout.shape;
  array.values.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (layout.element == NpyElement::Float64) {
      std::memcpy(&array.values[i], data + 8 * i, 8);
    } else if (layout.element == NpyElement::Float32) {
      float f;
      std::memcpy(&f, data + 4 * i, 4);
      array.values[i] = f;
    } else {
      std::uint16_t h;
      std::memcpy(&h, data + 2 * i, 2);
      array.values[i] = half_to_double(h);
    }
  }
  if (layout.fortran_order && array.shape.size() > 1) array.values = to_c_order(array.values, array.shape);
  return array;
}

namespace {

// Magic, version 1.0, header length and a header describing `descr` with `shape`, padded to 64 bytes.
std::string npy_header(const std::vector<std::size_t>& shape, const char* descr) {
  // Python's tuple repr: "(3,)", "(2, 646, 128)".
  std::string shape_text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) shape_text += (i ? ", " : "") + std::to_string(shape[i]);
  shape_text += shape.size() == 1 ? ",)" : ")";
  std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shape_text + ", }";
  // Magic (6) + version (2) + length (2) + header + newline, padded with spaces to 64 bytes.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto length = static_cast<std::uint16_t>(header.size());
  out.append(reinterpret_cast<const char*>(&length), 2);
  return out + header;
}

}  // namespace

std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<float>& values, NpyDtype dtype) {
  std::string out = npy_header(shape, dtype == NpyDtype::Float16 ? "<f2" : "<f4");
  if (dtype == NpyDtype::Float32) {
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  } else {
    std::vector<std::uint16_t> halves(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) halves[i] = float_to_half(values[i]);
    out.append(reinterpret_cast<const char*>(halves.data()), halves.size() * 2);
  }
  return out;
}

std::string npy_bytes(const std::vector<std::size_t>& shape, const double* values) {
  std::size_t count = 1;
  for (std::size_t n : shape) count *= n;
  return npy_header(shape, "<f8").append(reinterpret_cast<const char*>(values), count * sizeof(double));
}

}  // namespace genrekit::data
