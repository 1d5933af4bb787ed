// extract: audio -> FMA's 518 features (features.csv) and/or log-mel spectrogram shards.
//   extract -o OUT FILE_OR_DIR...             arbitrary files, keyed by path
//   extract -o OUT -c fma.yaml                FMA tracks chosen by the data section, keyed by id
//   extract -o OUT --set data.labels_csv=L    the files a labels CSV lists (or data.class_folders=DIR)
//   extract -o OUT --shard K/N ...            the K-th of N parts (then: extract --merge -o ALL PART...)
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/track_selection.h"
#include "genrekit/error.h"
#include "genrekit/extraction/extractor.h"
#include "genrekit/extraction/input_record.h"
#include "genrekit/extraction/labelled_inputs.h"
#include "genrekit/extraction/log_mel_record.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_layout.h"

int main(int argc, char** argv) {
  using namespace genrekit;
  cli::Tool tool("extract",
                 "Extract FMA's 518 librosa features and/or the thesis' log-mel spectrograms from audio files, "
                 "directories, or the FMA tracks selected by the data section.",
                 {data::data_section(), extraction::features_section(), extraction::extract_section()});
  std::vector<std::string> inputs;
  bool merge = false;
  tool.add_option("inputs", inputs,
                  "Audio files or directories (none: the files of data.labels_csv / data.class_folders, else the FMA tracks "
                  "of the data section)");
  tool.add_set_alias("--shard", "extract.shard", "K/N: do the K-th of N interleaved parts");
  tool.add_flag("--merge", merge, "Join the run directories given as inputs (parts of a --shard run) into -o");
  tool.set_examples({{"extract -o runs/mine song.mp3 music/", "FMA's 518 features of files and folders, rows keyed by path"},
                     {"extract -c configs/data/gtzan_fault_filtered.yaml -o runs/gtzan --set data.audio_dir=gtzan/genres",
                      "the files of a labels CSV (here GTZAN's fault-filtered split), keyed by their path in it"},
                     {"extract -c configs/features/fma_medium_logmel.yaml -o runs/part1 ... --shard 1/4",
                      "the thesis' log-mel shards, part 1 of 4 machines; then extract --merge -o runs/all runs/part*"}});
  return tool.run(argc, argv, [&](const cli::Invocation& run) {
    runtime::retain_large_allocations();
    if (merge) {
      if (inputs.empty()) throw ConfigError("extract --merge: give the parts' run directories as inputs");
      const auto dir = run.open_run_dir("extract");
      std::vector<std::filesystem::path> parts(inputs.begin(), inputs.end());
      const auto summary = extraction::merge_extractions(parts, dir.path());
      spdlog::info("merged {} parts: {} items, {} succeeded, {} failed -> {}", parts.size(), summary.items,
                   summary.succeeded, summary.failed, dir.path().string());
      return cli::kExitOk;
    }
    const auto settings = extraction::extraction_settings_from(run.config);
    const auto labelled = extraction::labelled_input_settings_from(run.config);
    if (labelled && !inputs.empty())
      throw ConfigError("extract: give input files or data." + std::string(labelled->labels_csv.empty() ? "class_folders" : "labels_csv") +
                        ", not both");
    const auto all_items = labelled         ? extraction::items_from_labelled(extraction::read_labelled_inputs(*labelled))
                           : inputs.empty() ? extraction::items_from_fma(run.config)
                                            : extraction::items_from_paths(inputs);
    if (all_items.empty()) throw DataError("nothing to extract: the inputs hold no audio files / the selection is empty");
    const auto items = extraction::shard_of(all_items, settings.shard_index, settings.shard_count);
    if (run.resume) extraction::check_same_inputs(run.run_dir, items);  // before anything is written
    const auto dir = run.open_run_dir("extract");
    if (settings.logmel) extraction::write_log_mel_record(settings.log_mel, dir.layout().log_mel());
    spdlog::info("extracting {} items{} with {} threads", items.size(),
                 settings.shard_count > 1 ? " (part " + std::to_string(settings.shard_index) + "/" +
                                                std::to_string(settings.shard_count) + ")"
                                          : "",
                 run.threads());
    const auto summary =
        extraction::run_extraction(settings, items, extraction::inputs_fingerprint(all_items), inputs.empty() && !labelled ? "track_id" : "path",
                                   dir.path(), run.threads());
    if (summary.interrupted) {
      spdlog::warn("interrupted after {} of {} items; continue with the same command plus --resume",
                   summary.succeeded + summary.failed, summary.items);
      return cli::interrupted_exit_code();
    }
    spdlog::info("done: {} succeeded, {} failed (failures.csv) in {:.1f} s -> {}", summary.succeeded, summary.failed,
                 summary.seconds, dir.path().string());
    return summary.failed > 0 && !settings.allow_failures ? cli::kExitFailure : cli::kExitOk;
  });
}
