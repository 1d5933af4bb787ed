"""genrekit's trained networks in PyTorch.

A network run directory (what `train` writes for a network model.type) holds network/network.json
(architecture, classes, input shape, input scaling) and LibTorch checkpoints whose parameters carry
the same names as the modules below. `load_run` rebuilds the network of the run's best epoch in
PyTorch (Debian's python3-torch, 1.13), so that it can be used, fine-tuned or exported:

    import genrekit.networks as gn
    model = gn.load_run("runs/cnn_lstm")           # eval mode, on the CPU
    probabilities = model(log_mels)                # (batch, frames, mels) log-mels, as extract stores them
    torch.onnx.export(model, log_mels[:1], "cnn_lstm.onnx", dynamic_axes={"log_mels": {0: "batch", 1: "frames"}},
                      input_names=["log_mels"], output_names=["probabilities"])

The modules mirror src/nn/networks/*.cpp layer for layer (Keras' Conv1D layout: mel bands are the
channels of 1-D convolutions over time). Their clip probabilities equal genrekit's evaluate and
predict to 1e-5 (tests/cli/torch_networks.py checks it on a trained run).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class _Network(nn.Module):
    """positions -> pooling over time -> head, as genrekit's GenreNetwork."""

    def forward(self, spectrogram):  # (batch, frames, mels) -> (batch, classes) log-probabilities
        return self.clip(self.positions(spectrogram.transpose(1, 2)))


class Spotify(_Network):
    def __init__(self, mels, classes):
        super().__init__()
        self.conv1 = nn.Conv1d(mels, 256, 4, stride=2)
        self.conv2 = nn.Conv1d(256, 256, 4, stride=2)
        self.conv3 = nn.Conv1d(256, 256, 4, stride=2)
        self.dropout = nn.Dropout(0.5)
        self.output = nn.Linear(512, classes)

    def positions(self, x):
        for conv in (self.conv1, self.conv2, self.conv3):
            x = F.max_pool1d(torch.relu(conv(x)), 2)
        return x.transpose(1, 2)

    def clip(self, p):
        return torch.log_softmax(self.output(self.dropout(torch.cat([p.mean(1), p.max(1).values], 1))), 1)


class DeepSound(_Network):
    def __init__(self, mels, classes):
        super().__init__()
        for i, channels in enumerate((mels, 256, 256), start=1):
            setattr(self, "conv%d" % i, nn.Conv1d(channels, 256, 5))
            setattr(self, "norm%d" % i, nn.BatchNorm1d(256, eps=1e-3, momentum=0.01))
        self.dropout = nn.Dropout(0.5)
        self.output = nn.Linear(256, classes)

    def positions(self, x):  # per-step logits
        for conv, norm in ((self.conv1, self.norm1), (self.conv2, self.norm2), (self.conv3, self.norm3)):
            x = self.dropout(F.max_pool1d(torch.relu(norm(conv(x))), 2))
        return self.output(x.transpose(1, 2))

    def clip(self, p):
        return torch.log_softmax(p.mean(1), 1)


class CnnLstm(_Network):
    def __init__(self, mels, classes):
        super().__init__()
        self.conv1 = nn.Conv1d(mels, 256, 5)
        self.conv2 = nn.Conv1d(256, 256, 5)
        self.conv3 = nn.Conv1d(256, 256, 5)
        self.dropout = nn.Dropout(0.5)
        self.lstm = nn.LSTM(256, 256, batch_first=True)
        self.output = nn.Linear(256, classes)

    def positions(self, x):  # per-step log-probabilities
        for conv in (self.conv1, self.conv2, self.conv3):
            x = F.max_pool1d(torch.relu(conv(x)), 2)
        steps, _ = self.lstm(self.dropout(x.transpose(1, 2)))
        return torch.log_softmax(self.output(self.dropout(steps)), 2)

    def clip(self, p):  # log of the mean of the steps' probabilities
        return torch.logsumexp(p, 1) - torch.log(torch.tensor(float(p.shape[1]), dtype=p.dtype))


class Dieleman2014(_Network):
    def __init__(self, mels, classes):
        super().__init__()
        self.conv1 = nn.Conv1d(mels, 256, 4)
        self.conv2 = nn.Conv1d(256, 256, 4)
        self.conv3 = nn.Conv1d(256, 512, 4)
        self.conv4 = nn.Conv1d(512, 512, 4)
        self.dense1 = nn.Linear(3 * 512, 2048)
        self.dense2 = nn.Linear(2048, 2048)
        self.output = nn.Linear(2048, classes)

    def positions(self, x):
        x = F.max_pool1d(torch.relu(self.conv1(x)), 4)
        x = F.max_pool1d(torch.relu(self.conv2(x)), 2)
        x = F.max_pool1d(torch.relu(self.conv3(x)), 2)
        return torch.relu(self.conv4(x)).transpose(1, 2)

    def clip(self, p):
        x = torch.cat([p.mean(1), p.max(1).values, p.square().mean(1).sqrt()], 1)
        return torch.log_softmax(self.output(torch.relu(self.dense2(torch.relu(self.dense1(x))))), 1)


ARCHITECTURES = {"spotify": Spotify, "deepsound": DeepSound, "cnn_lstm": CnnLstm, "dieleman2014": Dieleman2014}


class TrainedNetwork(nn.Module):
    """A run's network with its input scaling: raw log-mels in, clip probabilities out."""

    def __init__(self, network, offset, scale, classes):
        super().__init__()
        self.network = network
        self.register_buffer("offset", torch.tensor(offset, dtype=torch.float32))
        self.register_buffer("scale", torch.tensor(scale, dtype=torch.float32))
        self.classes = list(classes)

    def forward(self, log_mels):  # (batch, frames, mels) float32 -> (batch, classes)
        return self.network(log_mels * self.scale + self.offset).exp()


def load_run(run_dir, epoch="best"):
    """The network of a genrekit run directory, in eval mode on the CPU: its best epoch (by
    validation accuracy), or the last one with epoch="last"."""
    network_dir = os.path.join(run_dir, "network")
    with open(os.path.join(network_dir, "network.json")) as f:
        info = json.load(f)
    with open(os.path.join(network_dir, "state.json")) as f:
        state = json.load(f)
    architecture = info["architecture"]
    if architecture not in ARCHITECTURES:
        raise ValueError("%s: unknown architecture %r (expected one of %s)" % (network_dir, architecture, ", ".join(ARCHITECTURES)))
    network = ARCHITECTURES[architecture](info["mels"], len(info["classes"]))
    checkpoint = torch.jit.load(os.path.join(network_dir, state[epoch]), map_location="cpu")
    missing, unexpected = network.load_state_dict(checkpoint.state_dict(), strict=False)
    missing = [name for name in missing if not name.endswith("num_batches_tracked")]  # a counter, not a weight
    if missing or unexpected:
        raise ValueError("%s: not the parameters of a %s network (missing: %s; unexpected: %s)"
                         % (state[epoch], architecture, ", ".join(missing) or "none", ", ".join(unexpected) or "none"))
    model = TrainedNetwork(network, info["scaling_offset"], info["scaling_scale"], info["classes"])
    return model.eval()
