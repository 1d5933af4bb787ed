// genrekit._networks: network runs for Python, in a module of its own so that importing genrekit
// loads LibTorch only when a network run is used (as bin/predict hands network runs to
// libexec/genrekit/predict). genrekit._core, imported first, translates DataError and ConfigError.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "genrekit/nn/network_prediction.h"
#include "genrekit/runtime/parallel.h"
#include "run_config.h"

namespace py = pybind11;
using namespace genrekit;

namespace {

class NetworkRun {
 public:
  NetworkRun(const std::filesystem::path& run_dir, unsigned threads)
      : predictor_(models::network_settings_from(python::run_config(run_dir)), run_dir, runtime::thread_count(static_cast<int>(threads))) {}

  const std::vector<std::string>& classes() const { return predictor_.classes(); }

  // (clip probabilities (files x classes, NaN rows for failures), errors); files one after another,
  // each in bounded memory, the network on the run's threads.
  std::tuple<py::array_t<double>, std::vector<std::string>> predict(const std::vector<std::string>& files) const {
    const std::size_t classes = predictor_.classes().size();
    std::vector<double> values(files.size() * classes, NAN);
    std::vector<std::string> errors(files.size());
    {
      py::gil_scoped_release release;
      for (std::size_t i = 0; i < files.size(); ++i) {
        const models::Prediction p = predictor_.predict_file(files[i]);
        errors[i] = p.error;
        if (p.error.empty()) std::copy(p.probabilities.begin(), p.probabilities.end(), values.begin() + static_cast<std::ptrdiff_t>(i * classes));
      }
    }
    py::array_t<double> out({static_cast<py::ssize_t>(files.size()), static_cast<py::ssize_t>(classes)});
    std::copy(values.begin(), values.end(), out.mutable_data());
    return {out, errors};
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
