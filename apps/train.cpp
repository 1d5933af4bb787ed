// train: fit the thesis' classical models or networks and write a self-contained run directory.
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/track_selection.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("train", "Train a genre classifier and write a self-contained run directory.",
                           {genrekit::data::data_section()});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation&) {
    spdlog::error("train: training is not implemented yet (issues 4 and 5); only the configuration is checked");
    return genrekit::cli::kExitFailure;
  });
}
