"""genrekit from Python. `genrekit.networks` rebuilds a trained network run in PyTorch."""
