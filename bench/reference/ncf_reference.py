#!/usr/bin/env python3
"""The research notebook's NCF pipeline as one single-process script: the peer ncf-spark is
measured against in BENCHMARKS.md.

pandas reads the CSVs, scikit-learn's LabelEncoder encodes users and movies, numpy samples the
negatives and PyTorch trains and scores the NCF MLP. The steps and hyperparameters are
ncf-spark's defaults (which are the notebook's, without its defects): movies released in 2010 or
later, movies without a year dropped, every rating an implicit positive (a repeated pair once,
at its latest timestamp), users with fewer than 2 positives dropped, leave-last-out by timestamp
(ties: the highest movieId is held out), 4 negatives per training positive and 99 distinct test
negatives from the user's unseen movies, 8-dim embeddings, 64-32-1 ReLU MLP, BCE, Adam 1e-3,
batch 512, 5 epochs, HR@10 with ties counted against the positive.

Negatives are drawn by vectorised rejection sampling (the notebook drew them one at a time in a
Python loop, which is far slower); minibatches are sliced from shuffled tensors (no DataLoader).
Each stage prints one JSON line: stage, seconds, rows, rows_per_s and the process's peak RSS;
the evaluation runs after every epoch, timed apart from the training.
"""

import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import torch
from sklearn.preprocessing import LabelEncoder
from torch import nn

YEAR_AT_END = r"\((\d{4})\)\s*$"


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(stage, seconds, rows, **extra):
    line = {"stage": stage, "seconds": round(seconds, 3), "rows": int(rows),
            "rows_per_s": round(rows / seconds) if seconds > 0 else None,
            "peak_rss_mb": round(peak_rss_mb())}
    line.update(extra)
    print(json.dumps(line), flush=True)


def load(input_dir):
    movies = pd.read_csv(os.path.join(input_dir, "movies.csv"))
    ratings = pd.read_csv(os.path.join(input_dir, "ratings.csv"))
    return movies, ratings


def seen_keys(users, items, n_items):
    return np.unique(users.astype(np.int64) * n_items + items)


def is_seen(keys, users, items, n_items):
    query = users.astype(np.int64) * n_items + items
    position = np.searchsorted(keys, query)
    position[position == len(keys)] = 0
    return keys[position] == query


def train_negatives(rng, keys, users, n_items, per_positive):
    neg_users = np.repeat(users, per_positive)
    neg_items = rng.integers(0, n_items, len(neg_users))
    redraw = is_seen(keys, neg_users, neg_items, n_items)
    while redraw.any():
        neg_items[redraw] = rng.integers(0, n_items, redraw.sum())
        redraw[redraw] = is_seen(keys, neg_users[redraw], neg_items[redraw], n_items)
    return neg_users, neg_items


def test_negatives(rng, keys, users, n_items, count):
    grid = rng.integers(0, n_items, (len(users), count))
    user_grid = np.repeat(users[:, None], count, axis=1)
    while True:
        order = np.argsort(grid, axis=1, kind="stable")
        sorted_grid = np.take_along_axis(grid, order, axis=1)
        duplicate_sorted = np.zeros_like(grid, dtype=bool)
        duplicate_sorted[:, 1:] = sorted_grid[:, 1:] == sorted_grid[:, :-1]
        duplicate = np.zeros_like(duplicate_sorted)
        np.put_along_axis(duplicate, order, duplicate_sorted, axis=1)
        bad = duplicate | is_seen(keys, user_grid.ravel(), grid.ravel(), n_items).reshape(
            grid.shape)
        if not bad.any():
            return user_grid.ravel(), grid.ravel()
        grid[bad] = rng.integers(0, n_items, bad.sum())


def prepare(movies, ratings, args):
    rng = np.random.default_rng(args.seed)
    movies = movies.assign(year=movies["title"].str.extract(YEAR_AT_END)[0].astype(float))
    kept = movies.loc[movies["year"] >= args.min_year, ["movieId"]]
    positives = ratings.merge(kept, on="movieId")
    positives = (positives.groupby(["userId", "movieId"], as_index=False)["timestamp"].max())
    per_user = positives.groupby("userId")["movieId"].transform("size")
    positives = positives[per_user >= args.min_interactions].copy()

    positives["user"] = LabelEncoder().fit_transform(positives["userId"])
    positives["item"] = LabelEncoder().fit_transform(positives["movieId"])
    n_users = int(positives["user"].max()) + 1
    n_items = int(positives["item"].max()) + 1

    positives = positives.sort_values(["user", "timestamp", "movieId"])
    latest = positives.groupby("user").tail(1)
    train = positives.drop(latest.index)
    keys = seen_keys(positives["user"].to_numpy(), positives["item"].to_numpy(), n_items)

    train_users = train["user"].to_numpy(np.int64)
    train_items = train["item"].to_numpy(np.int64)
    neg_users, neg_items = train_negatives(rng, keys, train_users, n_items, args.train_negatives)
    train_x = np.concatenate([np.stack([train_users, train_items], 1),
                              np.stack([neg_users, neg_items], 1)])
    train_y = np.concatenate([np.ones(len(train_users)), np.zeros(len(neg_users))])

    test_users = latest["user"].to_numpy(np.int64)
    test_pos = latest["item"].to_numpy(np.int64)
    _, test_neg = test_negatives(rng, keys, test_users, n_items, args.test_negatives)
    # One row per user: the positive first, then its negatives.
    test_items = np.concatenate([test_pos[:, None],
                                 test_neg.reshape(len(test_users), args.test_negatives)], 1)
    return dict(n_users=n_users, n_items=n_items, positives=len(positives),
                train_x=train_x, train_y=train_y, test_users=test_users, test_items=test_items)


class Ncf(nn.Module):
    def __init__(self, n_users, n_items, embedding=8, hidden=(64, 32)):
        super().__init__()
        self.user = nn.Embedding(n_users, embedding)
        self.item = nn.Embedding(n_items, embedding)
        layers, width = [], 2 * embedding
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU()]
            width = size
        layers.append(nn.Linear(width, 1))
        self.mlp = nn.Sequential(*layers)

    def forward(self, users, items):
        joined = torch.cat([self.user(users), self.item(items)], dim=1)
        return torch.sigmoid(self.mlp(joined)).squeeze(1)


def train_epoch(model, optimiser, x, y, batch_size, generator):
    loss_fn = nn.BCELoss()
    order = torch.randperm(len(y), generator=generator)
    x, y = x[order], y[order]
    total, batches = 0.0, 0
    for start in range(0, len(y), batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        optimiser.zero_grad()
        loss = loss_fn(model(xb[:, 0], xb[:, 1]), yb)
        loss.backward()
        optimiser.step()
        total += loss.item()
        batches += 1
    return total / batches


@torch.no_grad()
def hit_rate(model, users, items, k, batch_users=20000):
    hits = 0
    for start in range(0, len(users), batch_users):
        u = torch.from_numpy(users[start:start + batch_users])
        it = torch.from_numpy(items[start:start + batch_users])
        scores = model(u.repeat_interleave(it.shape[1]), it.reshape(-1)).reshape(it.shape)
        # Ties count against the positive: rank = 1 + negatives scoring at least as high.
        rank = 1 + (scores[:, 1:] >= scores[:, :1]).sum(1)
        hits += int((rank <= k).sum())
    return hits / len(users)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input-dir", required=True)
    parser.add_argument("--min-year", type=int, default=2010)
    parser.add_argument("--min-interactions", type=int, default=2)
    parser.add_argument("--train-negatives", type=int, default=4)
    parser.add_argument("--test-negatives", type=int, default=99)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch.set_num_threads; 1 matches ncf-spark's one training worker "
                             "with OMP_NUM_THREADS=1")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    print(json.dumps({"stage": "setup", "torch": torch.__version__, "pandas": pd.__version__,
                      "threads": torch.get_num_threads(), "python": sys.version.split()[0]}),
          flush=True)

    started = time.perf_counter()
    movies, ratings = load(args.input_dir)
    report("load", time.perf_counter() - started, len(ratings))

    started = time.perf_counter()
    data = prepare(movies, ratings, args)
    report("prepare", time.perf_counter() - started, len(ratings), users=data["n_users"],
           items=data["n_items"], positives=data["positives"], train_rows=len(data["train_y"]),
           test_rows=int(data["test_items"].size))
    del movies, ratings

    x = torch.from_numpy(data["train_x"])
    y = torch.from_numpy(data["train_y"]).float()
    model = Ncf(data["n_users"], data["n_items"])
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    generator = torch.Generator().manual_seed(args.seed)
    train_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        loss = train_epoch(model, optimiser, x, y, args.batch_size, generator)
        seconds = time.perf_counter() - started
        train_seconds += seconds
        report("train_epoch", seconds, len(y), epoch=epoch, loss=round(loss, 4))
        # Timed apart from training, so both stages compare with ncf-spark's jobs.
        started = time.perf_counter()
        hr = hit_rate(model, data["test_users"], data["test_items"], 10)
        report("evaluate", time.perf_counter() - started, data["test_items"].size,
               epoch=epoch, hr_at_10=round(hr, 4), users=len(data["test_users"]))
    report("train", train_seconds, len(y) * args.epochs, epochs=args.epochs)


if __name__ == "__main__":
    main()
