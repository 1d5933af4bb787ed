// synth_corpus: write the synthetic FMA-shaped corpus (demo data and test bed) into -o DIR.
#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/synth/corpus.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("synth_corpus",
                           "Generate a synthetic corpus in FMA's layout (fma_metadata/*.csv, fma_large/NNN/NNNNNN.mp3). "
                           "It is synthesised music for demos and tests, not FMA.",
                           {genrekit::synth::corpus_section()});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation& run) {
    const auto dir = run.open_run_dir("synth_corpus");
    genrekit::synth::write_corpus(genrekit::synth::corpus_spec_from(run.config), dir.path(), run.threads());
    return genrekit::cli::kExitOk;
  });
}
