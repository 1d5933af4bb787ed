// synth_corpus: write the synthetic FMA-shaped corpus (demo data and test bed) into -o DIR.
#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/synth/corpus.h"

int main(int argc, char** argv) {
  genrekit::cli::Tool tool("synth_corpus",
                           "Generate a synthetic corpus in FMA's layout (fma_metadata/*.csv, fma_large/NNN/NNNNNN.mp3). "
                           "It is synthesised music for demos and tests, not FMA.",
                           {genrekit::synth::corpus_section()});
  tool.set_examples({{"synth_corpus -c configs/corpus/demo.yaml -o out/corpus", "the demo corpus: 16 genres x 20 tracks of 10 s"},
                     {"synth_corpus -c configs/corpus/fma_like.yaml -o out/fma_like --threads 8",
                      "30 s stereo clips at 44.1 kHz with FMA's class imbalance"}});
  return tool.run(argc, argv, [](const genrekit::cli::Invocation& run) {
    const auto dir = run.open_run_dir("synth_corpus");
    genrekit::synth::write_corpus(genrekit::synth::corpus_spec_from(run.config), dir.path(), run.threads());
    return genrekit::cli::kExitOk;
  });
}
