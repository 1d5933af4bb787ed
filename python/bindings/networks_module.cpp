// genrekit._networks: network runs for Python, in a module of its own so that importing genrekit
// loads LibTorch only when a network run is used (as bin/predict hands network runs to
// libexec/genrekit/predict). genrekit._core, imported first, translates DataError and ConfigError.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <tuple>
#include <vector>

#include "genrekit/nn/network_prediction.h"
#include "genrekit/runtime/parallel.h"
#include "prediction_table.h"
#include "run_config.h"

namespace py = pybind11;
using namespace genrekit;

namespace {

class NetworkRun {
 public:
  NetworkRun(const std::filesystem::path& run_dir, unsigned threads)
      : predictor_(models::network_settings_from(python::run_config(run_dir)), run_dir, runtime::thread_count(static_cast<int>(threads))) {}

  const std::vector<std::string>& classes() const { return predictor_.classes(); }

  // Clip probabilities: files one after another, each in bounded memory, the network on the run's threads.
  python::PredictionTable predict(const std::vector<std::string>& files) const {
    std::vector<models::Prediction> predictions;
    {
      py::gil_scoped_release release;
      for (const auto& file : files) predictions.push_back(predictor_.predict_file(file));
    }
    return python::prediction_table(predictions, predictor_.classes().size());
  }

 private:
  nn::NetworkPredictor predictor_;
};

}  // namespace

PYBIND11_MODULE(_networks, m) {
  m.doc() = "genrekit's network runs (use genrekit.Run, which loads this module for network runs only)";
  py::class_<NetworkRun>(m, "NetworkRun")
      .def(py::init<const std::filesystem::path&, unsigned>(), py::arg("run_dir"), py::arg("threads"))
      .def_property_readonly("classes", &NetworkRun::classes)
      .def("predict", &NetworkRun::predict, py::arg("files"));
}
