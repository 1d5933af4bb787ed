// A YAML config with train's schema (every section the tools read) and an included file: the input
// is split at a line "--- include ---" into main.yaml and the inc.yaml it may include; the resolved
// config is written back and read again.
#include "fuzz_input.h"
#include "genrekit/cli/tool.h"
#include "genrekit/config/config.h"
#include "genrekit/models/classical_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  static const config::Schema schema = [] {
    auto sections = models::training_sections();
    sections.push_back(cli::run_section());
    return config::Schema(sections);
  }();
  const std::string_view text = fuzz::as_text(data, size);
  constexpr std::string_view kSeparator = "\n--- include ---\n";
  const std::size_t split = text.find(kSeparator);
  fuzz::write_input("inc.yaml", split == std::string_view::npos ? std::string_view{} : text.substr(split + kSeparator.size()));
  const auto main_file = fuzz::write_input("main.yaml", text.substr(0, split));
  fuzz::expect_clean_rejection([&] {
    config::Config config(schema);
    config.merge_file(main_file);
    config::Config again(schema);
    again.merge_text(config.to_yaml(), "resolved");
    if (!again.differences_affecting_results(config).empty()) __builtin_trap();  // the resolved config must read back the same
  });
  return 0;
}
