#include "genrekit/models/network_section.h"

#include <algorithm>

#include "genrekit/models/network_list.h"

namespace genrekit::models {

config::Section network_section() {
  using config::ValueType;
  return {"network",
          "Training a network (a model.type of network_list.h) on the log-mel shards of an "
          "`extract` run. Its input settings are features.logmel.* (checked against the shards).",
          {
              {.path = "network.logmel_dir", .type = ValueType::Path, .default_yaml = "",
               .description = "The logmel/ directory of an extract run (index.csv, shard-NNNNN.npy)."},
              {.path = "network.sampling", .type = ValueType::Choice, .default_yaml = "official", .choices = {"official", "thesis"},
               .description = "official: fit on model.train_splits, choose the epoch on FMA's validation split, "
                              "evaluate on test (the honest protocol). thesis: a random network.sample_fraction of "
                              "every labelled track, split at random into training and network.validation_fraction "
                              "validation (the thesis' 61.38 % is such a validation score)."},
              {.path = "network.sample_fraction", .type = ValueType::Float, .default_yaml = "0.4", .min = 0.001, .max = 1,
               .description = "thesis sampling: share of the labelled tracks used at all."},
              {.path = "network.validation_fraction", .type = ValueType::Float, .default_yaml = "0.2", .min = 0.01, .max = 0.9,
               .description = "thesis sampling: share of the sampled tracks held out for validation."},
              {.path = "network.epochs", .type = ValueType::Int, .default_yaml = "60", .min = 1, .max = 100000,
               .description = "Most epochs to train."},
              {.path = "network.batch_size", .type = ValueType::Int, .default_yaml = "32", .min = 1, .max = 65536,
               .description = "Clips per optimiser step."},
              {.path = "network.learning_rate", .type = ValueType::Float, .default_yaml = "1e-4", .min = 1e-9, .max = 10,
               .description = "Adam's initial learning rate (thesis: 1e-4 for cnn_lstm, 1e-3 for spotify and deepsound)."},
              {.path = "network.lr_factor", .type = ValueType::Float, .default_yaml = "0.5", .min = 0.01, .max = 1,
               .description = "ReduceLROnPlateau: multiply the learning rate by this when validation loss stalls."},
              {.path = "network.lr_patience", .type = ValueType::Int, .default_yaml = "10", .min = 0, .max = 100000,
               .description = "ReduceLROnPlateau: epochs without a lower validation loss before reducing."},
              {.path = "network.min_learning_rate", .type = ValueType::Float, .default_yaml = "0", .min = 0, .max = 10,
               .description = "ReduceLROnPlateau: never below this."},
              {.path = "network.early_stopping_patience", .type = ValueType::Int, .default_yaml = "2", .min = 0, .max = 100000,
               .description = "Stop after this many epochs without a lower validation loss (0: never stop early)."},
              {.path = "network.crop_frames", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 1000000,
               .description = "Train on a random window of this many frames per clip and epoch (0: whole clips). "
                              "Validation and evaluation always read whole clips."},
              {.path = "network.input_scaling", .type = ValueType::Choice, .default_yaml = "none",
               .choices = {"none", "standardize", "minus_one_to_one"},
               .description = "Per-mel-band scaling fitted on the training clips (the thesis' best run: none)."},
              {.path = "network.precision", .type = ValueType::Choice, .default_yaml = "float32",
               .choices = {"float32", "float16", "bfloat16"},
               .description = "Forward passes under autocast in this precision (weights stay float32); float16 needs CUDA "
                              "and trains with dynamic loss scaling; bfloat16 works on CPU and CUDA."},
              {.path = "network.loader_threads", .type = ValueType::Int, .default_yaml = "2", .min = 1, .max = 256,
               .description = "Background threads building batches.", .affects_results = false},
              {.path = "network.prefetch_batches", .type = ValueType::Int, .default_yaml = "4", .min = 1, .max = 1024,
               .description = "Batches built ahead of the network.", .affects_results = false},
              {.path = "network.device", .type = ValueType::String, .default_yaml = "auto",
               .description = "auto | cpu | cuda | cuda:N (auto: the first CUDA device when there is one; in a "
                              "data-parallel job, the device LOCAL_RANK / SLURM_LOCALID).",
               .affects_results = false},
              {.path = "network.dist_timeout", .type = ValueType::Int, .default_yaml = "300", .min = 1, .max = 86400,
               .description = "Data-parallel training (torchrun or srun; README 'Many machines'): seconds a rank waits "
                              "for the others, to join and at every step, before it stops with an error.",
               .affects_results = false},
          }};
}

const std::vector<NetworkKind>& network_kinds() {
#define GENREKIT_LIST_NETWORK(name, summary) NetworkKind{#name, summary},
  static const std::vector<NetworkKind> kinds{GENREKIT_NETWORKS(GENREKIT_LIST_NETWORK)};
#undef GENREKIT_LIST_NETWORK
  return kinds;
}

bool is_network(const config::Config& config) {
  const auto& kinds = network_kinds();
  const std::string type = config.get_string("model.type");
  return std::any_of(kinds.begin(), kinds.end(), [&](const NetworkKind& k) { return k.name == type; });
}

NetworkSettings network_settings_from(const config::Config& config) {
  NetworkSettings s;
  s.type = config.get_string("model.type");
  s.logmel_dir = config.get_string("network.logmel_dir");
  s.log_mel = extraction::log_mel_settings_from(config);
  s.decoder = audio::parse_decoder(config.get_string("features.decoder"));
  s.device = config.get_string("network.device");
  s.precision = config.get_string("network.precision");
  s.input_scaling = data::parse_input_scaling(config.get_string("network.input_scaling"));
  s.thesis_sampling = config.get_string("network.sampling") == "thesis";
  s.sample_fraction = config.get_float("network.sample_fraction");
  s.validation_fraction = config.get_float("network.validation_fraction");
  s.train_splits = config.get_strings("model.train_splits");
  s.epochs = static_cast<int>(config.get_int("network.epochs"));
  s.batch_size = static_cast<std::size_t>(config.get_int("network.batch_size"));
  s.learning_rate = config.get_float("network.learning_rate");
  s.lr_factor = config.get_float("network.lr_factor");
  s.lr_patience = static_cast<int>(config.get_int("network.lr_patience"));
  s.min_learning_rate = config.get_float("network.min_learning_rate");
  s.early_stopping_patience = static_cast<int>(config.get_int("network.early_stopping_patience"));
  s.crop_frames = static_cast<int>(config.get_int("network.crop_frames"));
  s.loader_threads = static_cast<unsigned>(config.get_int("network.loader_threads"));
  s.prefetch_batches = static_cast<std::size_t>(config.get_int("network.prefetch_batches"));
  s.seed = static_cast<std::uint64_t>(config.get_int("run.seed"));
  s.file_labels = file_label_settings_from(config);
  s.dist_timeout_seconds = static_cast<int>(config.get_int("network.dist_timeout"));
  return s;
}

}  // namespace genrekit::models
