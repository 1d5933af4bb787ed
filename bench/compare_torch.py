#!/usr/bin/python3
"""genrekit's networks (LibTorch, C++) against the same networks in PyTorch (Debian's python3-torch):
training and inference samples/s on the CPU, same layers, batch, input and thread count, and the
ratio genrekit / PyTorch (goal: >= 1.0). Runs build/bin/bench_networks --json for genrekit's side.
The two sides take turns, --rounds times, and each figure is the best round (this VM's timings wander
by tens of percent from minute to minute).

    /usr/bin/python3 bench/compare_torch.py [--bin build/bin] [--threads 2] [--steps 5] [--batch 32] [--frames 646] [--rounds 3]
"""
import argparse, json, subprocess, time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Spotify(nn.Module):  # thesis.md: 3 x [Conv1D(256, 4, stride 2), ReLU, MaxPool(2)], mean+max, dropout, dense
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(128, 256, 4, stride=2), nn.Conv1d(256, 256, 4, stride=2), nn.Conv1d(256, 256, 4, stride=2)])
        self.dropout, self.output = nn.Dropout(0.5), nn.Linear(512, 16)

    def forward(self, x):
        x = x.transpose(1, 2)
        for conv in self.convs:
            x = F.max_pool1d(F.relu(conv(x)), 2)
        return F.log_softmax(self.output(self.dropout(torch.cat([x.mean(2), x.amax(2)], 1))), 1)


class DeepSound(nn.Module):  # 3 x [Conv1D(256, 5), BatchNorm, ReLU, MaxPool(2), Dropout], dense per step, mean
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(128, 256, 5), nn.Conv1d(256, 256, 5), nn.Conv1d(256, 256, 5)])
        self.norms = nn.ModuleList([nn.BatchNorm1d(256, eps=1e-3, momentum=0.01) for _ in range(3)])
        self.dropout, self.output = nn.Dropout(0.5), nn.Linear(256, 16)

    def forward(self, x):
        x = x.transpose(1, 2)
        for conv, norm in zip(self.convs, self.norms):
            x = self.dropout(F.max_pool1d(F.relu(norm(conv(x))), 2))
        return F.log_softmax(self.output(x.transpose(1, 2)).mean(1), 1)


class CnnLstm(nn.Module):  # 3 x [Conv1D(256, 5), ReLU, MaxPool(2)], dropout, LSTM(256), dropout, dense per step
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(128, 256, 5), nn.Conv1d(256, 256, 5), nn.Conv1d(256, 256, 5)])
        self.dropout, self.lstm, self.output = nn.Dropout(0.5), nn.LSTM(256, 256, batch_first=True), nn.Linear(256, 16)

    def forward(self, x):
        x = x.transpose(1, 2)
        for conv in self.convs:
            x = F.max_pool1d(F.relu(conv(x)), 2)
        steps = F.log_softmax(self.output(self.dropout(self.lstm(self.dropout(x.transpose(1, 2)))[0])), 2)
        return torch.logsumexp(steps, 1) - torch.log(torch.tensor(float(steps.shape[1])))


class Dieleman2014(nn.Module):  # conv 256/256/512/512 (length 4), pools 4/2/2, mean+max+L2, 2 x dense 2048
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(128, 256, 4), nn.Conv1d(256, 256, 4), nn.Conv1d(256, 512, 4), nn.Conv1d(512, 512, 4)])
        self.dense1, self.dense2, self.output = nn.Linear(1536, 2048), nn.Linear(2048, 2048), nn.Linear(2048, 16)

    def forward(self, x):
        x = x.transpose(1, 2)
        for conv, pool in zip(self.convs, (4, 2, 2, 1)):
            x = F.relu(conv(x))
            if pool > 1:
                x = F.max_pool1d(x, pool)
        x = torch.cat([x.mean(2), x.amax(2), x.pow(2).mean(2).sqrt()], 1)
        return F.log_softmax(self.output(F.relu(self.dense2(F.relu(self.dense1(x))))), 1)


def measure(model, steps, batch, frames):
    torch.manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), 1e-3)
    x, y = torch.randn(batch, frames, 128) * 3 - 6, torch.randint(0, 16, (batch,))

    def step():
        optimizer.zero_grad()
        F.nll_loss(model(x), y).backward()
        optimizer.step()
    model.train()
    step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    train = steps * batch / (time.perf_counter() - start)
    model.eval()
    with torch.no_grad():
        model(x)
        start = time.perf_counter()
        for _ in range(steps):
            model(x)
        infer = steps * batch / (time.perf_counter() - start)
    return train, infer


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--bin', default='build/bin')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--frames', type=int, default=646)
    p.add_argument('--rounds', type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    names = ('spotify', 'deepsound', 'cnn_lstm', 'dieleman2014')
    ours, theirs = {}, {}
    for _ in range(a.rounds):
        run = json.loads(subprocess.run(['%s/bench_networks' % a.bin, '--json', '--threads', str(a.threads), '--steps', str(a.steps),
                                         '--batch', str(a.batch), '--frames', str(a.frames)], check=True, capture_output=True,
                                        text=True).stdout)
        for key, value in run.items():
            ours[key] = ({k: max(v, ours.get(key, {}).get(k, 0)) for k, v in value.items()} if isinstance(value, dict)
                         else max(value, ours.get(key, 0)))
        for name, model in zip(names, (Spotify(), DeepSound(), CnnLstm(), Dieleman2014())):
            train, infer = measure(model, a.steps, a.batch, a.frames)
            best = theirs.get(name, (0, 0))
            theirs[name] = (max(train, best[0]), max(infer, best[1]))
    print('CPU, %d threads, batch %d of %d x 128, %d timed steps, best of %d rounds; PyTorch %s (python3-torch) vs genrekit '
          '(LibTorch, C++)' % (a.threads, a.batch, a.frames, a.steps, a.rounds, torch.__version__))
    print('%-13s %22s %22s %9s %9s' % ('network', 'train samples/s (py/gk)', 'infer samples/s (py/gk)', 'train x', 'infer x'))
    worst = float('inf')
    for name in names:
        train, infer = theirs[name]
        g = ours[name]
        worst = min(worst, g['train'] / train, g['infer'] / infer)
        print('%-13s %10.1f / %-10.1f %10.1f / %-10.1f %8.2fx %8.2fx' % (name, train, g['train'], infer, g['infer'],
                                                                       g['train'] / train, g['infer'] / infer))
    print('loader: %.0f samples/s with 1 builder thread, %.0f with 2 (%.0fx what cnn_lstm training consumes)'
          % (ours['loader_1'], ours['loader_2'], ours['loader_2'] / ours['cnn_lstm']['train']))
    print('lowest ratio genrekit / PyTorch: %.2fx (goal >= 1.0)' % worst)


if __name__ == '__main__':
    main()
