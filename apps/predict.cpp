// predict: the genre of audio files with a trained run: the top genre and every class's probability
// per file, as CSV or JSON, to stdout or a file. Classical runs use their own extraction profile and
// model; network runs their log-mel settings and best epoch, and with --timeline also write each
// file's genre probabilities over time (CSV, JSON and an HTML page that plays the audio), or with
// --stream print them step by step from raw PCM on stdin.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/network_build.h"
#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/eval/timeline.h"
#include "genrekit/extraction/work_items.h"
#include "genrekit/models/network_section.h"
#include "genrekit/models/prediction.h"
#include "genrekit/nn/network_prediction.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace {

using namespace genrekit;
namespace fs = std::filesystem;

struct Options {
  std::string timeline_dir;
  int timeline_window = 17;
  bool stream = false;
  std::string stream_format = "s16le";
  int stream_channels = 1;
  double stream_rate = 0;  // 0: the network's rate
};

#if GENREKIT_NETWORKS
// <dir>/<stem>.timeline.{csv,json,html}; a stem seen before gets -2, -3...
void write_timeline(const nn::NetworkPredictor& predictor, const models::Prediction& p, const Options& options,
                    std::set<std::string>& stems) {
  std::string stem = fs::path(p.path).stem().string();
  for (int n = 2; !stems.insert(stem).second; ++n) stem = fs::path(p.path).stem().string() + "-" + std::to_string(n);
  const eval::Timeline timeline{predictor.classes(), predictor.step_seconds(), predictor.window_seconds(), options.timeline_window, p.steps};
  const fs::path base = fs::path(options.timeline_dir) / (stem + ".timeline");
  runtime::write_file_atomically(base.string() + ".csv", eval::timeline_csv(timeline));
  runtime::write_file_atomically(base.string() + ".json", eval::timeline_json(timeline));
  runtime::write_file_atomically(base.string() + ".html", eval::timeline_html(timeline, p.path, fs::path(p.path).filename().string()));
}

// --timeline and --stream show per-step outputs, which only some networks have.
void require_steps(const nn::NetworkPredictor& predictor, const cli::Invocation& run, const std::string& option) {
  if (!predictor.has_steps())
    throw ConfigError(option + ": this run's network (" + run.config.get_string("model.type") +
                      ") pools over the whole clip and has no per-step outputs; these networks have: " + nn::networks_with_steps());
}

std::vector<models::Prediction> predict_with_network(const cli::Invocation& run, const std::vector<std::string>& files,
                                                     const Options& options, std::vector<std::string>& classes) {
  const nn::NetworkPredictor predictor(models::network_settings_from(run.config), run.base_run, run.threads());
  classes = predictor.classes();
  if (!options.timeline_dir.empty()) {
    require_steps(predictor, run, "--timeline");
    fs::create_directories(options.timeline_dir);
  }
  std::vector<models::Prediction> out;
  std::set<std::string> stems;
  runtime::Progress progress("predict", files.size());
  for (const auto& file : files) {
    runtime::throw_if_interrupted();
    out.push_back(predictor.predict_file(file));
    if (out.back().top >= 0 && !options.timeline_dir.empty()) write_timeline(predictor, out.back(), options, stems);
    progress.advance();
  }
  return out;
}

// --stream: raw PCM on stdin -> one CSV line per step, printed as soon as the step is known.
cli::ExitCode stream_steps(const cli::Invocation& run, const Options& options) {
  if (!models::is_network(run.config)) throw ConfigError("--stream needs a network run (" + nn::networks_with_steps() + "); this run is classical");
  const nn::NetworkPredictor predictor(models::network_settings_from(run.config), run.base_run, run.threads());
  if (options.stream_rate > 0 && options.stream_rate != predictor.sample_rate())
    throw ConfigError("--stream-rate " + std::to_string(options.stream_rate) + ": this network reads " + std::to_string(predictor.sample_rate()) +
                      " Hz; resample upstream (e.g. ffmpeg -ar " + std::to_string(static_cast<int>(predictor.sample_rate())) + ")");
  require_steps(predictor, run, "--stream");
  nn::NetworkStream stream(predictor);
  const eval::Timeline format{predictor.classes(), predictor.step_seconds(), predictor.window_seconds(), options.timeline_window, {}};
  std::vector<std::vector<double>> recent;  // the last timeline_window raw steps
  std::size_t step = 0;
  const auto print = [&](const std::vector<std::vector<double>>& steps) {
    for (const auto& raw : steps) {
      recent.push_back(raw);
      if (recent.size() > static_cast<std::size_t>(options.timeline_window)) recent.erase(recent.begin());
      std::cout << eval::timeline_csv_row(format, step++, eval::smooth_causally(recent, options.timeline_window).back()) << std::flush;
    }
  };
  std::cout << eval::timeline_csv_header(predictor.classes()) << std::flush;
  const std::size_t width = options.stream_format == "f32le" ? 4 : 2;
  const auto channels = static_cast<std::size_t>(options.stream_channels);
  std::vector<char> bytes(1 << 16);
  std::size_t held = 0, samples = 0;
  double busy = 0;
  const auto timed = [&](auto&& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    busy += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<float> mono;
  for (;;) {
    const ssize_t got = ::read(STDIN_FILENO, bytes.data() + held, bytes.size() - held);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw DataError(std::string("--stream: reading stdin: ") + std::strerror(errno));
    if (got == 0) break;
    held += static_cast<std::size_t>(got);
    const std::size_t frame_bytes = width * channels, frames = held / frame_bytes;
    mono.assign(frames, 0.0f);
    for (std::size_t f = 0; f < frames; ++f)
      for (std::size_t c = 0; c < channels; ++c) {
        const char* at = bytes.data() + (f * channels + c) * width;
        float value;
        if (width == 4) {
          std::memcpy(&value, at, 4);
        } else {
          std::int16_t pcm;
          std::memcpy(&pcm, at, 2);
          value = static_cast<float>(pcm) / 32768.0f;
        }
        mono[f] += value / static_cast<float>(channels);
      }
    std::memmove(bytes.data(), bytes.data() + frames * frame_bytes, held - frames * frame_bytes);
    held -= frames * frame_bytes;
    samples += frames;
    timed([&] { print(stream.push(mono)); });
    runtime::throw_if_interrupted();
  }
  timed([&] { print(stream.finish()); });
  const double seconds = static_cast<double>(samples) / predictor.sample_rate();
  spdlog::info("stream: {} steps from {:.1f} s of audio in {:.2f} s of computation: real-time factor {:.4f}", step, seconds, busy,
               seconds > 0 ? busy / seconds : 0.0);
  return cli::kExitOk;
}

#endif

}  // namespace

int main(int argc, char** argv) {
  cli::Tool tool("predict", "Predict the genre of audio files (or directories of them) with a trained run (--run DIR).",
                 models::training_sections());
  tool.add_base_run_option(true);
  tool.add_set_alias("--device", "network.device", "Where a network runs: auto, cpu, cuda or cuda:N");
  std::vector<std::string> inputs;
  std::string format = "csv", output;
  Options options;
  tool.add_option("inputs", inputs, "Audio files or directories");
  tool.add_choice("--format", format, {"csv", "json"}, "csv or json");
  tool.add_option("--output", output, "Write the predictions to this file instead of stdout");
  tool.add_option("--timeline", options.timeline_dir,
                  "Networks with per-step outputs: write each file's genre timeline (CSV, JSON, HTML player) to this directory");
  tool.add_bounded("--timeline-window", options.timeline_window, 1, 100000,
                   "Causal smoothing of the timeline, in steps (the thesis app: 17)");
  tool.add_flag("--stream", options.stream,
                "Read raw PCM from stdin (a live source, or a file growing: tail -c +1 -f) and print one CSV line of smoothed "
                "genre probabilities per step as soon as it is known; the real-time factor is logged at the end");
  tool.add_choice("--stream-format", options.stream_format, {"s16le", "f32le"}, "s16le or f32le");
  tool.add_bounded("--stream-channels", options.stream_channels, 1, 64, "Interleaved channels (mixed to mono)");
  tool.add_bounded("--stream-rate", options.stream_rate, 0.0, 1e6,
                   "Sample rate of the stream in Hz (0: the network's, 22,050 Hz for the thesis input; any other must equal it)");
  tool.set_examples({{"predict --run runs/ensemble song.mp3 music/", "the genre of each file, with every class's probability"},
                     {"predict --run runs/cnn_lstm song.mp3 --timeline out/", "a network's genre timeline: CSV, JSON, an HTML player"},
                     {"ffmpeg -i song.mp3 -ac 1 -ar 22050 -f s16le - | predict --run runs/cnn_lstm --stream",
                      "a network's steps as the audio arrives"}});
  return tool.run(argc, argv, [&](const cli::Invocation& run) {
    runtime::retain_large_allocations();
#if GENREKIT_NETWORKS
    if (options.stream) {
      if (!inputs.empty()) throw ConfigError("--stream reads stdin: give no input files");
      return stream_steps(run, options);
    }
#else
    if (options.stream || !options.timeline_dir.empty() || models::is_network(run.config)) cli::exec_network_build("predict", argv);
#endif
    if (inputs.empty()) throw ConfigError("no inputs: give audio files or directories, or --stream");
    // What a folder walk could not read is reported as such, never opened (a FIFO would block).
    const auto items = extraction::items_from_paths(inputs);
    std::vector<std::string> files;
    for (const auto& item : items)
      if (item.unreadable.empty()) files.push_back(item.path.string());
    if (items.empty()) throw DataError("no audio files in the inputs");
    std::vector<std::string> classes;
    std::vector<models::Prediction> predictions;
#if GENREKIT_NETWORKS
    if (models::is_network(run.config)) {
      predictions = predict_with_network(run, files, options, classes);
    } else {
      if (!options.timeline_dir.empty()) throw ConfigError("--timeline needs a network run (" + nn::networks_with_steps() + "); this run is classical");
#endif
      const auto bundle = models::load_bundle(runtime::RunLayout(run.base_run).model(), run.threads());
      classes = bundle.classes;
      predictions = models::predict_files(bundle, files, run.threads());
#if GENREKIT_NETWORKS
    }
#endif
    std::vector<models::Prediction> in_order;
    auto next = predictions.begin();
    for (const auto& item : items)
      in_order.push_back(item.unreadable.empty() ? std::move(*next++) : models::Prediction{.path = item.path.string(), .error = item.unreadable});
    predictions = std::move(in_order);
    const std::string text = format == "json" ? models::predictions_json(classes, predictions) : models::predictions_csv(classes, predictions);
    if (output.empty()) std::cout << text;
    else runtime::write_file_atomically(output, text);
    std::size_t failed = 0;
    for (const auto& p : predictions)
      if (p.top < 0) {
        ++failed;
        spdlog::warn("{}: {}", p.path, p.error);
      }
    return failed > 0 ? cli::kExitFailure : cli::kExitOk;
  });
}
