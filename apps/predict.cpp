// predict: genre probabilities (and a per-second timeline) for new audio with a trained run.
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/track_selection.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("predict", "Predict the genre of audio files with a trained run.",
                           {genrekit::data::data_section()});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation&) {
    spdlog::error("predict: prediction is not implemented yet (issues 4 and 5); only the configuration is checked");
    return genrekit::cli::kExitFailure;
  });
}
