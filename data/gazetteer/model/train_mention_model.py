#!/usr/bin/env python3
"""Learns geotag's mention model (mention-model.json) from gold sets, with its
cross-validation folds (cv/fold-K.json).

The extractor's rules find and resolve candidate mentions; two logistic regressions over
their features (Sources/GeotagCore/Extract/MentionFeatures.swift) then decide:
- recognition: is this a place mention at all? Mentions below its threshold are dropped;
- resolution: is it right (a place, and within 161 km of the gold point)? Its probability is
  the mention's score, so scores mean what they say.

Training data, from `geotag eval --features`:
- GeoWebNews (../shared/eval/gwn.jsonl, read from beside the repository, never copied),
  scored like the README's figures (--skip-types Demonym,Language,Homonym);
- the regression gold set (Tests/GeotagCoreTests/Fixtures/gold/regression.jsonl).

Cross-validation: document i of each set belongs to fold i mod 5; fold K's model is learned
from the other four folds of both sets, and `geotag eval --cross-validate cv/` scores each
document with the model that never saw it. The recognition threshold is chosen on the
held-out predictions of both sets together (a single number; see choose_threshold). The shipped
model is learned from all the data.

L2-regularised logistic regression by gradient descent (numpy), no other dependency.

    python3 data/gazetteer/model/train_mention_model.py [--geotag PATH] [--gazetteer DIR]
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
GWN = ROOT.parent / "shared" / "eval" / "gwn.jsonl"
REGRESSION = ROOT / "Tests" / "GeotagCoreTests" / "Fixtures" / "gold" / "regression.jsonl"
FOLDS = 5
L2 = 1.0
# Each regression-set mention counts this many times: it is the domain the tool is for
# (Iraq, Syria and their neighbours, with the traps the issues list), and a sixth the size
# of GeoWebNews.
REGRESSION_WEIGHT = 4.0
# How far below the best held-out F1 a threshold may be and still count as on its plateau.
F1_PLATEAU = 0.005
SKIP = ["--skip-types", "Demonym,Language,Homonym"]


def feature_names():
    """MentionFeatures.names, read from the Swift source, in order."""
    source = (ROOT / "Sources" / "GeotagCore" / "Extract" / "MentionFeatures.swift").read_text()
    start = source.index("static let names = [")
    return re.findall(r'"(\w+)"', source[start:source.index("]", start)])


def features(geotag, gazetteer, gold, out):
    subprocess.run([geotag, "eval", str(gold), *SKIP, "--gazetteer", gazetteer, "--no-model", "--features", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = [json.loads(line) for line in open(out) if line.strip()]
    X = np.array([r["features"] for r in rows], dtype=float)
    # A sense: the occurrences of one name in one document that resolved to one place.
    senses = {}
    sense = np.array([senses.setdefault((r["doc"], r["mention"].lower(), r["place_id"]), len(senses)) for r in rows])
    return (X, np.array([r["place"] for r in rows], float), np.array([r["right"] for r in rows], float),
            np.array([r["fold"] for r in rows]), sense)


def unfound(geotag, gazetteer, gold):
    """How many gold toponyms no candidate of the rules overlaps: recall's share that no
    threshold can win back, counted so that the threshold is chosen on the same recall
    `geotag eval` reports."""
    report = subprocess.run([geotag, "eval", str(gold), *SKIP, "--gazetteer", gazetteer, "--no-model", "--json"],
                            check=True, capture_output=True, text=True).stdout
    overlapping = json.loads(report)["recognition"]["overlapping"]
    return overlapping["gold"] - overlapping["matched"]


def likeliest_of_sense(probability, sense):
    """Each mention's probability raised to the highest of its sense, as the extractor
    decides recognition (one sense per discourse: Extractor.recognitionDecisions)."""
    best = np.zeros(sense.max() + 1)
    np.maximum.at(best, sense, probability)
    return best[sense]


def fit(X, y, weight):
    """L2-regularised logistic regression, each row counting `weight` times."""
    w = np.zeros(X.shape[1])
    for _ in range(4000):
        p = 1 / (1 + np.exp(-(X @ w)))
        gradient = X.T @ (weight * (p - y)) / weight.sum() + L2 * np.r_[0, w[1:]] / weight.sum()
        w -= 0.5 * gradient
    return w


def choose_threshold(held, place, unfound):
    """The recognition threshold, from held-out predictions: the lowest on a 0.01 grid whose
    F1 is within F1_PLATEAU of the best. Recall counts the `unfound` gold toponyms too, as
    `geotag eval` does: without them recall looks close to 1, where F1 hardly feels a lost
    right mention, and the threshold comes out too high (0.57 where it is now 0.42).

    F1 is flat over a wide range of thresholds (on GeoWebNews it moves by less than 0.005
    between 0.3 and 0.6), so its exact peak is noise. Within that plateau the lowest
    threshold is the useful one: a mention the threshold drops is lost, while a kept one
    still carries its calibrated score, which `min_score` can filter."""
    thresholds = np.round(np.arange(0.05, 0.96, 0.01), 2)
    f1s = []
    for t in thresholds:
        keep = held >= t
        tp = place[keep].sum()
        precision = tp / max(keep.sum(), 1)
        recall = tp / (place.sum() + unfound)
        f1s.append(2 * precision * recall / max(precision + recall, 1e-9))
    best = max(f1s)
    return float(next(t for t, f1 in zip(thresholds, f1s) if f1 >= best - F1_PLATEAU))


def model(names, recognition, threshold, resolution, summary):
    return {
        "features": names,
        "recognition": {"weights": [round(v, 6) for v in recognition], "threshold": threshold},
        "resolution": {"weights": [round(v, 6) for v in resolution]},
        "trained_on": summary,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geotag", default=str(ROOT / ".build" / "release" / "geotag"))
    parser.add_argument("--gazetteer", default=str(ROOT / "data" / "gazetteer"))
    args = parser.parse_args()
    if not GWN.exists():
        sys.exit(f"{GWN} is missing: the model is learned from GeoWebNews and the regression set")
    names = feature_names()
    with tempfile.TemporaryDirectory() as scratch:
        Xg, placeG, rightG, foldG, senseG = features(args.geotag, args.gazetteer, GWN, os.path.join(scratch, "gwn.jsonl"))
        Xr, placeR, rightR, foldR, senseR = features(args.geotag, args.gazetteer, REGRESSION, os.path.join(scratch, "reg.jsonl"))
    if Xg.shape[1] != len(names):
        sys.exit(f"features have {Xg.shape[1]} columns but MentionFeatures.names has {len(names)}")

    # Cross-validated predictions and fold models: document i of either set is in fold
    # i mod FOLDS; fold K's model is learned from the other folds of both sets.
    heldG, heldR = np.zeros(len(placeG)), np.zeros(len(placeR))
    fold_models = []
    for k in range(FOLDS):
        testG, testR = (foldG % FOLDS) == k, (foldR % FOLDS) == k
        X = np.vstack([Xg[~testG], Xr[~testR]])
        weight = np.r_[np.ones((~testG).sum()), np.full((~testR).sum(), REGRESSION_WEIGHT)]
        recognition = fit(X, np.r_[placeG[~testG], placeR[~testR]], weight)
        resolution = fit(X, np.r_[rightG[~testG], rightR[~testR]], weight)
        heldG[testG] = 1 / (1 + np.exp(-(Xg[testG] @ recognition)))
        heldR[testR] = 1 / (1 + np.exp(-(Xr[testR] @ recognition)))
        fold_models.append((recognition, resolution))
    held = np.r_[likeliest_of_sense(heldG, senseG), likeliest_of_sense(heldR, senseR)]
    missed = sum(unfound(args.geotag, args.gazetteer, gold) for gold in (GWN, REGRESSION))
    threshold = choose_threshold(held, np.r_[placeG, placeR], missed)
    summary = (f"GeoWebNews ({len(placeG)} mentions, {FOLDS}-fold cross-validation by document) and the regression "
               f"set ({len(placeR)} mentions); recognition threshold {threshold}, chosen on held-out predictions")
    (HERE / "cv").mkdir(exist_ok=True)
    for k, (recognition, resolution) in enumerate(fold_models):
        (HERE / "cv" / f"fold-{k}.json").write_text(json.dumps(model(names, recognition, threshold, resolution, f"fold {k} of: {summary}"), indent=1) + "\n")
    X = np.vstack([Xg, Xr])
    weight = np.r_[np.ones(len(Xg)), np.full(len(Xr), REGRESSION_WEIGHT)]
    recognition = fit(X, np.r_[placeG, placeR], weight)
    resolution = fit(X, np.r_[rightG, rightR], weight)
    (HERE / "mention-model.json").write_text(json.dumps(model(names, recognition, threshold, resolution, summary), indent=1) + "\n")
    print(summary)
    print("cross-validated, scored by geotag eval:")
    for gold in (GWN, REGRESSION):
        subprocess.run([args.geotag, "eval", str(gold), *SKIP, "--gazetteer", args.gazetteer, "--cross-validate", str(HERE / "cv")], check=True)


if __name__ == "__main__":
    main()
