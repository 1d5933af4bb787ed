#pragma once
// The networks `train` fits, one line each: its model.type name and what it is. The torch-free side
// (the schema's model.type choices, --help, docs/configuration.md, is_network) and nn::make_network
// both expand this list. To add a network: write src/nn/networks/NAME.cpp defining
// `std::shared_ptr<GenreNetwork> make_NAME(const NetworkShape&)` and add its line here.
#define GENREKIT_NETWORKS(X)                                                                                  \
  X(spotify, "the thesis' Spotify CNN: 3 strided Conv1D(256), mean and max over time, 664,336 parameters")    \
  X(deepsound, "the thesis' DeepSound CNN: 3 Conv1D(256) with BatchNorm, a softmax per step (timeline)")      \
  X(cnn_lstm, "the thesis' best: 3 Conv1D(256), an LSTM(256) over the steps, a softmax per step (timeline)")  \
  X(dieleman2014, "Dieleman and Schrauwen's 2014 network with a genre softmax (not in the thesis' results)")
