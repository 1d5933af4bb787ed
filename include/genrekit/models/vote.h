#pragma once
// A fitted voting ensemble (the hard_vote and soft_vote kinds): its members are other kinds' models.
#include <memory>
#include <string>
#include <vector>

#include "genrekit/models/classifier.h"

namespace genrekit::models {

class Vote : public Classifier {
 public:
  Vote(bool hard, std::vector<std::string> names, std::vector<std::unique_ptr<Classifier>> members, int n_classes);
  FeatureMatrix probabilities(const FeatureMatrix& X) const override;  // the members' mean
  std::vector<int> predict(const FeatureMatrix& X) const override;
  void save(const std::filesystem::path& dir) const override;          // each member's files, and vote.json
  // (rows, n_classes): the share of members that predict each class.
  FeatureMatrix vote_shares(const FeatureMatrix& X) const;
  bool hard() const { return hard_; }

 private:
  bool hard_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<Classifier>> members_;
  int n_classes_;
};

}  // namespace genrekit::models
