// genrekit._core: the extractor and the classical runs for Python. Arrays in and out are numpy's;
// genrekit/__init__.py turns them into pandas objects. Every computation releases the GIL.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "genrekit/audio/mono.h"
#include "genrekit/audio/resample.h"
#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/extraction/track_features.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/models/model_bundle.h"
#include "genrekit/models/prediction.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/run_layout.h"
#include "genrekit/runtime/versions.h"
#include "prediction_table.h"
#include "run_config.h"

namespace py = pybind11;
using namespace genrekit;

namespace {

using FloatArray = py::array_t<float, py::array::c_style | py::array::forcecast>;

// Mono float32 samples of a 1-D array, or of a (channels, samples) array mixed as extract mixes a
// file's channels (audio::append_mono).
std::vector<float> mono_samples(const FloatArray& samples) {
  if (samples.ndim() == 1) return {samples.data(), samples.data() + samples.shape(0)};
  if (samples.ndim() != 2) throw py::value_error("expected a 1-D array of samples or a 2-D (channels, samples) array");
  const auto channels = static_cast<std::size_t>(samples.shape(0)), length = static_cast<std::size_t>(samples.shape(1));
  std::vector<float> interleaved(channels * length);
  for (std::size_t c = 0; c < channels; ++c)
    for (std::size_t i = 0; i < length; ++i) interleaved[i * channels + c] = samples.data()[c * length + i];
  std::vector<float> mono;
  audio::append_mono(interleaved, static_cast<int>(channels), mono);
  return mono;
}

extraction::ExtractionSettings fma_settings(const std::string& profile, const std::string& decoder) {
  extraction::ExtractionSettings s;
  s.profile = features::parse_fma_profile(profile);
  s.decoder = audio::parse_decoder(decoder);
  return s;
}

extraction::ExtractionSettings log_mel_settings(int frames, const std::string& decoder) {
  extraction::ExtractionSettings s;
  s.fma518 = false;
  s.logmel = true;
  s.log_mel.params.frames = frames;
  s.decoder = audio::parse_decoder(decoder);
  return s;
}

py::array_t<double> to_numpy(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

py::array_t<float> to_numpy(const dsp::Matrix& m) {
  py::array_t<float> out({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  float* at = out.mutable_data();
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) *at++ = static_cast<float>(m(r, c));
  return out;
}

// Each file's result on `threads` threads (0: all cores) with the GIL released; a file that fails
// gets its error message and leaves its row to the caller (NaN), the others go on.
template <class Compute>
std::vector<std::string> for_each_file(const std::vector<std::string>& files, unsigned threads, Compute&& compute) {
  std::vector<std::string> errors(files.size());
  py::gil_scoped_release release;
  runtime::parallel_for(files.size(), runtime::thread_count(static_cast<int>(threads)), [&](std::size_t i) {
    try {
      compute(i);
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  });
  return errors;
}

// A classical run's model, loaded once; predict as the predict tool does.
class ClassicalRun {
 public:
  ClassicalRun(const std::filesystem::path& run_dir, unsigned threads)
      : bundle_(models::load_bundle(runtime::RunLayout(run_dir).model(), runtime::thread_count(static_cast<int>(threads)))),
        threads_(runtime::thread_count(static_cast<int>(threads))) {}

  const std::vector<std::string>& classes() const { return bundle_.classes; }

  python::PredictionTable predict(const std::vector<std::string>& files) const {
    std::vector<models::Prediction> predictions;
    {
      py::gil_scoped_release release;
      predictions = models::predict_files(bundle_, files, threads_);
    }
    return python::prediction_table(predictions, bundle_.classes.size());
  }

 private:
  models::ModelBundle bundle_;
  unsigned threads_;
};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "genrekit's extractor and classical runs (use the genrekit package, which wraps them in pandas)";
  m.def("version", [] { return runtime::genrekit_version(); });
  m.def("fma_feature_columns", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& c : features::fma_feature_columns()) out.emplace_back(c.feature, c.statistic, c.number);
    return out;
  });
  m.def(
      "fma_features_of_files",
      [](const std::vector<std::string>& files, const std::string& profile, const std::string& decoder, unsigned threads) {
        const auto settings = fma_settings(profile, decoder);
        const std::size_t width = features::fma_feature_columns().size();
        std::vector<double> values(files.size() * width, NAN);
        auto errors = for_each_file(files, threads, [&](std::size_t i) {
          const auto row = extraction::extract_track(files[i], settings).fma518;
          std::copy(row.begin(), row.end(), values.begin() + static_cast<std::ptrdiff_t>(i * width));
        });
        py::array_t<double> out({static_cast<py::ssize_t>(files.size()), static_cast<py::ssize_t>(width)});
        std::copy(values.begin(), values.end(), out.mutable_data());
        return std::make_tuple(out, errors);
      },
      py::arg("files"), py::arg("profile"), py::arg("decoder"), py::arg("threads"));
  m.def(
      "fma_features_of_samples",
      [](const FloatArray& samples, double sr, const std::string& profile) {
        const auto mono = mono_samples(samples);
        const auto p = features::parse_fma_profile(profile);
        std::vector<double> values;
        {
          py::gil_scoped_release release;
          values = features::fma_features(mono, sr, p);
        }
        return to_numpy(values);
      },
      py::arg("samples"), py::arg("sr"), py::arg("profile"));
  m.def(
      "logmel_of_files",
      [](const std::vector<std::string>& files, int frames, const std::string& decoder, unsigned threads) {
        const auto settings = log_mel_settings(frames, decoder);
        std::vector<dsp::Matrix> spectrograms(files.size());
        auto errors = for_each_file(files, threads, [&](std::size_t i) { spectrograms[i] = extraction::extract_track(files[i], settings).log_mel; });
        std::vector<py::object> out;
        for (const auto& s : spectrograms) out.push_back(s.rows() ? py::object(to_numpy(s)) : py::object(py::none()));
        return std::make_tuple(out, errors);
      },
      py::arg("files"), py::arg("frames"), py::arg("decoder"), py::arg("threads"));
  m.def(
      "logmel_of_samples",
      [](const FloatArray& samples, double sr, int frames) {
        const auto mono = mono_samples(samples);
        const auto settings = log_mel_settings(frames, "ffmpeg_s16");
        dsp::Matrix spectrogram;
        {
          py::gil_scoped_release release;
          const auto resampled = audio::resample(mono, sr, settings.log_mel.params.sample_rate, settings.log_mel.resampler);
          spectrogram = features::log_mel_spectrogram(resampled, settings.log_mel.params);
        }
        return to_numpy(spectrogram);
      },
      py::arg("samples"), py::arg("sr"), py::arg("frames"));
  m.def("is_network_run", [](const std::filesystem::path& run_dir) { return python::is_network_run(run_dir); });
  py::class_<ClassicalRun>(m, "ClassicalRun")
      .def(py::init<const std::filesystem::path&, unsigned>(), py::arg("run_dir"), py::arg("threads"))
      .def_property_readonly("classes", &ClassicalRun::classes)
      .def("predict", &ClassicalRun::predict, py::arg("files"));
  // Global translators: _networks' errors come out as these too.
  py::register_exception<DataError>(m, "DataError", PyExc_ValueError);
  py::register_exception<ConfigError>(m, "ConfigError", PyExc_ValueError);
}
