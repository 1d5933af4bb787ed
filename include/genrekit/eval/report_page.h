#pragma once
// report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a
// reader can take as it is: what produced it, what its fit noted (a model that did not converge
// says so), the headline metrics with their intervals, the
// confusion matrix (counts and row shares in every cell, one colour-blind-safe sequential scale,
// every label visible at 1280 px for 16 or 40 classes), per-class precision / recall / F1 bars, and
// a network's training curves.
#include <string>
#include <utility>
#include <vector>

#include "genrekit/eval/metrics.h"

namespace genrekit::eval {

struct ReportContext {
  std::string title;
  std::vector<std::pair<std::string, std::string>> stamp;  // ("model", "hard_vote"), ("split", "test"), ...
  std::string training_curves_svg;                         // a network run's, inlined when not empty
  std::vector<std::string> fit_notes;                      // what the fit noted (non-convergence...), shown first
};

std::string report_html(const Metrics& metrics, const ReportContext& context);

}  // namespace genrekit::eval
