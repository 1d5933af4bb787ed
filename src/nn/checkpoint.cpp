#include "genrekit/nn/checkpoint.h"

#include "genrekit/error.h"

namespace genrekit::nn {

namespace fs = std::filesystem;

namespace {

template <typename Write>
void write_then_rename(const fs::path& file, Write write) {
  const fs::path temporary = file.string() + ".partial";
  torch::serialize::OutputArchive archive;
  write(archive);
  archive.save_to(temporary.string());
  fs::rename(temporary, file);
}

torch::serialize::InputArchive open_archive(const fs::path& file) {
  if (!fs::exists(file)) throw DataError(file.string() + ": missing checkpoint");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file.string());
  } catch (const c10::Error& e) {
    throw DataError(file.string() + ": not a LibTorch checkpoint: " + e.what_without_backtrace());
  }
  return archive;
}

}  // namespace

void save_module(const torch::nn::Module& module, const fs::path& file) {
  write_then_rename(file, [&](torch::serialize::OutputArchive& archive) { module.save(archive); });
}

void load_module(torch::nn::Module& module, const fs::path& file, const std::string& expected) {
  auto archive = open_archive(file);
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
  for (const auto& p : module.named_parameters()) shapes.emplace_back(p.key(), p.value().sizes().vec());
  try {
    module.load(archive);
  } catch (const c10::Error& e) {
    throw DataError(file.string() + ": does not hold the parameters of a " + expected + " network (" +
                    e.what_without_backtrace() + ")");
  }
  // LibTorch replaces a parameter by whatever tensor the file holds under its name: check the shapes.
  for (const auto& [name, shape] : shapes)
    if (module.named_parameters()[name].sizes().vec() != shape)
      throw DataError(file.string() + ": parameter " + name + " has another shape than a " + expected + " network's");
}

void save_optimizer(const torch::optim::Optimizer& optimizer, const fs::path& file) {
  write_then_rename(file, [&](torch::serialize::OutputArchive& archive) { optimizer.save(archive); });
}

void load_optimizer(torch::optim::Optimizer& optimizer, const fs::path& file) {
  auto archive = open_archive(file);
  try {
    optimizer.load(archive);
  } catch (const c10::Error& e) {
    throw DataError(file.string() + ": not this run's optimiser state (" + std::string(e.what_without_backtrace()) + ")");
  }
}

}  // namespace genrekit::nn
