// extract: audio -> FMA's 518 features and/or log-mel spectrograms.
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/track_selection.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("extract", "Extract FMA's 518 librosa features and log-mel spectrograms from audio.",
                           {genrekit::data::data_section()});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation&) {
    spdlog::error("extract: feature extraction is not implemented yet (issue 3); only the configuration is checked");
    return genrekit::cli::kExitFailure;
  });
}
