// evaluate: accuracy, Cohen's kappa, confusion matrix and per-class report of a trained run.
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/track_selection.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("evaluate", "Evaluate a trained run: accuracy, Cohen's kappa, confusion matrix, report.",
                           {genrekit::data::data_section()});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation&) {
    spdlog::error("evaluate: evaluation is not implemented yet (issue 4); only the configuration is checked");
    return genrekit::cli::kExitFailure;
  });
}
