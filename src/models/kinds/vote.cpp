// hard_vote and soft_vote: scikit-learn's VotingClassifier over the kinds in model.vote.members
// (the thesis' three by default). Hard: the majority of the members' predictions, ties to the lowest
// class index, as scikit-learn; its probabilities are the members' mean probabilities (the vote
// shares are vote_shares()). Soft: the argmax of the members' mean probabilities (a member without
// probabilities contributes the softmax of its decision values; scikit-learn refuses such members).
#include <algorithm>

#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/models/vote.h"
#include "genrekit/runtime/parallel.h"

namespace genrekit::models {

namespace fs = std::filesystem;

Vote::Vote(bool hard, std::vector<std::string> names, std::vector<std::unique_ptr<Classifier>> members, int n_classes)
    : hard_(hard), names_(std::move(names)), members_(std::move(members)), n_classes_(n_classes) {
  for (const auto& member : members_) notes_.insert(notes_.end(), member->notes().begin(), member->notes().end());
}

FeatureMatrix Vote::probabilities(const FeatureMatrix& X) const {
  FeatureMatrix mean = FeatureMatrix::Zero(X.rows(), n_classes_);
  for (const auto& member : members_) mean += member->probabilities(X) / static_cast<double>(members_.size());
  return mean;
}

FeatureMatrix Vote::vote_shares(const FeatureMatrix& X) const {
  FeatureMatrix votes = FeatureMatrix::Zero(X.rows(), n_classes_);
  for (const auto& member : members_) {
    const auto predicted = member->predict(X);
    for (Eigen::Index r = 0; r < X.rows(); ++r)
      votes(r, predicted[static_cast<std::size_t>(r)]) += 1.0 / static_cast<double>(members_.size());
  }
  return votes;
}

std::vector<int> Vote::predict(const FeatureMatrix& X) const {
  return argmax_rows(hard_ ? vote_shares(X) : probabilities(X));
}

void Vote::save(const fs::path& dir) const {
  for (const auto& member : members_) member->save(dir);
  write_json(dir / "vote.json", {{"members", names_}});
}

namespace {

struct Settings final : ModelSettings {
  bool hard = true;
  std::vector<std::string> names;
  std::vector<std::unique_ptr<ModelSettings>> members;
  unsigned threads = 1;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    std::vector<std::unique_ptr<Classifier>> fitted(members.size());
    runtime::parallel_for(members.size(), threads, [&](std::size_t i) { fitted[i] = members[i]->fit(X, y, n_classes); });
    return std::make_unique<Vote>(hard, names, std::move(fitted), n_classes);
  }
};

ModelKind vote_kind(bool hard) {
  const std::string name = hard ? "hard_vote" : "soft_vote";
  return {.name = name,
          .summary = hard ? "Majority vote of model.vote.members (the thesis' ensemble)"
                          : "Mean probability of model.vote.members",
          .has_probabilities = true,
          .takes_class_weights = false,  // its members take them
          .is_vote = true,
          .keys = {},
          .search = {},
          .settings = [hard, name](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->hard = hard;
            const auto kinds = fitted_kinds(config, name);
            // The members fit side by side; each gets its share of the threads.
            s->threads = std::max(1u, std::min<unsigned>(context.threads, static_cast<unsigned>(kinds.size())));
            FitContext member_context = context;
            member_context.threads = std::max(1u, context.threads / s->threads);
            for (const ModelKind* kind : kinds) {
              s->names.push_back(kind->name);
              s->members.push_back(kind->settings(config, member_context));
            }
            return s;
          },
          .load = [hard](const fs::path& dir, int n_classes, unsigned threads) -> std::unique_ptr<Classifier> {
            const fs::path file = dir / "vote.json";
            const auto names = json_value<std::vector<std::string>>(read_json(file), "members", file);
            std::vector<std::unique_ptr<Classifier>> members;
            for (const auto& member : names) members.push_back(model_kind(member).load(dir, n_classes, threads));
            return std::make_unique<Vote>(hard, names, std::move(members), n_classes);
          }};
}

}  // namespace

ModelKind hard_vote_kind() { return vote_kind(true); }
ModelKind soft_vote_kind() { return vote_kind(false); }

}  // namespace genrekit::models
