#!/usr/bin/python3
"""Golden scenarios for InstanceNorm1d/2d/3d, LayerNorm and GroupNorm, computed by real PyTorch.

Run with Debian's python3-torch (PyTorch 1.13, CPU, float32):

    /usr/bin/python3 src/test/resources/golden/family/gen_family.py

It writes one {"scenario": ..., "expected": ...} file per case next to itself, in the
format of /work/shared/spec/scenario-format.md, by replaying each scenario on a torch.nn
module exactly as the spec describes (refusals as the exception type and str(e), with the
buffers as PyTorch left them; gradients of one backward with the parameters' .grad cleared).
torch.set_num_threads(1) and a torch.manual_seed per case make every run give the same bytes.
NormScope's build and tests never run this script: they read the JSON files it wrote.
"""
import json
import math
import os
import warnings

import numpy as np
import torch

warnings.simplefilter("ignore")  # InstanceNorm warns about a channel count it accepts anyway
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


# ---- numbers and tensors in the spec's encoding ------------------------------------------

def num(v):
    """A float32 as the shortest decimal that reads back (double, then float32) as the same bits."""
    f = np.float32(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    d = float(str(f))
    assert np.float32(d).tobytes() == f.tobytes(), (f, d)
    return d


def tensor(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def vector(t):
    return None if t is None else [num(v) for v in t.detach().reshape(-1).tolist()]


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


# ---- building and replaying ------------------------------------------------------------

def make_layer(spec):
    kind = spec["type"]
    if kind.startswith("InstanceNorm"):
        cls = getattr(torch.nn, kind)
        layer = cls(spec["num_features"], eps=spec.get("eps", 1e-5), momentum=spec.get("momentum", 0.1),
                    affine=spec.get("affine", False), track_running_stats=spec.get("track_running_stats", False))
    elif kind == "LayerNorm":
        layer = torch.nn.LayerNorm(spec["normalized_shape"], eps=spec.get("eps", 1e-5),
                                   elementwise_affine=spec.get("elementwise_affine", True))
    else:
        layer = torch.nn.GroupNorm(spec["num_groups"], spec["num_channels"], eps=spec.get("eps", 1e-5),
                                   affine=spec.get("affine", True))
    with torch.no_grad():
        for name in ("weight", "bias"):
            if name in spec:
                getattr(layer, name).copy_(f32(spec[name]).reshape(getattr(layer, name).shape))
        for name in ("running_mean", "running_var"):
            if name in spec:
                getattr(layer, name).copy_(f32(spec[name]))
        if "num_batches_tracked" in spec:
            layer.num_batches_tracked.fill_(spec["num_batches_tracked"])
    return layer


def stats(layer):
    rm = getattr(layer, "running_mean", None)
    nbt = getattr(layer, "num_batches_tracked", None)
    return {"running_mean": vector(rm), "running_var": vector(getattr(layer, "running_var", None)),
            "num_batches_tracked": None if nbt is None else int(nbt)}


def replay(spec, steps):
    layer = make_layer(spec)
    results = []
    for step in steps:
        op = step.get("op", "forward")
        if op == "reset_running_stats":
            layer.reset_running_stats()
            results.append({"output": None, **stats(layer)})
            continue
        if op == "set":
            with torch.no_grad():
                if "eps" in step:
                    layer.eps = step["eps"]
                if "momentum" in step:
                    layer.momentum = step["momentum"]
                for name in ("weight", "bias"):
                    if name in step:
                        getattr(layer, name).copy_(f32(step[name]).reshape(getattr(layer, name).shape))
            results.append({"output": None, **stats(layer)})
            continue
        layer.train(step.get("mode", "train") == "train")
        x = step["x"].clone()
        grad = step.get("g")
        if grad is not None:
            x.requires_grad_(True)
            for p in layer.parameters():
                p.grad = None
        try:
            y = layer(x)
        except Exception as e:  # PyTorch's refusal: its type, its message, the buffers as it left them
            results.append({"error": {"type": type(e).__name__, "message": str(e)}, "output": None, **stats(layer)})
            continue
        entry = {"output": tensor(y), **stats(layer)}
        if grad is not None:
            y.backward(grad)
            entry["grad_input"] = tensor(x.grad)
            entry["grad_weight"] = vector(layer.weight.grad) if getattr(layer, "weight", None) is not None else None
            entry["grad_bias"] = vector(layer.bias.grad) if getattr(layer, "bias", None) is not None else None
        results.append(entry)
    return results


def scenario_step(step):
    op = step.get("op", "forward")
    if op != "forward":
        return dict(step)
    out = {"op": "forward", "mode": step.get("mode", "train"), "input": tensor(step["x"])}
    if step.get("g") is not None:
        out["grad_output"] = tensor(step["g"])
    return out


def write(name, spec, steps, what):
    layer = dict(spec)
    golden = {
        "scenario": {"format": "normscope-scenario/1", "name": name, "layer": layer,
                     "steps": [scenario_step(s) for s in steps]},
        "expected": {"format": "normscope-result/1", "steps": replay(spec, steps)},
    }
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    CASES.append((name, what))


CASES = []


def randn(*shape, scale=1.0, offset=0.0):
    return torch.randn(*shape) * scale + offset


def fwd(x, mode="train", g=False):
    return {"op": "forward", "mode": mode, "x": x, "g": torch.randn(x.shape) if g else None}


# ---- InstanceNorm ------------------------------------------------------------------------

def instance_norm_cases():
    torch.manual_seed(101)
    write("in1d_untracked_train_eval", {"type": "InstanceNorm1d", "num_features": 3},
          [fwd(randn(4, 3, 10), g=True), fwd(randn(4, 3, 10, scale=3), "eval", g=True),
           fwd(randn(3, 7), g=True), fwd(randn(3, 7), "eval"), fwd(randn(2, 3, 2), g=True),
           fwd(randn(2, 3, 17), g=True)],
          "InstanceNorm1d(3) without affine or tracking: train and eval both normalize each sample (eval uses the "
          "sample's statistics), unbatched (C, L) input, L = 2, 10 and 17, gradients with grad_weight null")

    torch.manual_seed(102)
    write("in1d_tracking_affine", {"type": "InstanceNorm1d", "num_features": 3, "momentum": 0.3, "affine": True,
                                   "track_running_stats": True, "weight": [1.5, -0.5, 2.0], "bias": [0.1, 0.2, -0.3]},
          [fwd(randn(5, 3, 8, offset=2), g=True), fwd(randn(5, 3, 8, offset=2)), fwd(randn(3, 3, 12), "eval", g=True),
           fwd(randn(7, 3, 4), "eval"), fwd(randn(3, 9), g=True), fwd(randn(3, 9), "eval", g=True),
           {"op": "set", "eps": 0.01, "momentum": 0.9, "weight": [1.0, 2.0, 3.0]}, fwd(randn(2, 3, 6), g=True),
           {"op": "reset_running_stats"}, fwd(randn(2, 3, 6), "eval")],
          "InstanceNorm1d(3, momentum=0.3, affine, tracking): running stats averaged over the samples, "
          "num_batches_tracked never counted, eval steps that still write the running stats back (N = 3 and 7), "
          "unbatched input in train and eval, gradients in both modes, a set step, reset_running_stats")

    torch.manual_seed(103)
    write("in2d_affine", {"type": "InstanceNorm2d", "num_features": 4, "affine": True,
                          "weight": [0.5, 1.0, -1.0, 2.0], "bias": [0.0, 1.0, 2.0, -2.0]},
          [fwd(randn(3, 4, 5, 6), g=True), fwd(randn(3, 4, 5, 6), "eval", g=True), fwd(randn(4, 3, 3), g=True),
           fwd(randn(1, 4, 1, 9), g=True), fwd(randn(2, 4, 16, 16, scale=2), g=True)],
          "InstanceNorm2d(4, affine) with its own weight and bias: (N, C, H, W) and unbatched (C, H, W), "
          "a (1, 4, 1, 9) input, 256 values per channel, gradients in train and in eval")

    torch.manual_seed(104)
    write("in3d_tracking", {"type": "InstanceNorm3d", "num_features": 2, "affine": True, "track_running_stats": True,
                            "momentum": 0.5},
          [fwd(randn(2, 2, 3, 4, 5, offset=1), g=True), fwd(randn(2, 2, 3, 4, 5)), fwd(randn(2, 3, 2, 2), g=True),
           fwd(randn(3, 2, 2, 2, 2), "eval", g=True), fwd(randn(2, 1, 1, 1), "eval")],
          "InstanceNorm3d(2, affine, tracking, momentum=0.5): (N, C, D, H, W) and unbatched (C, D, H, W), "
          "gradients, eval with running stats including an unbatched single spatial element")

    torch.manual_seed(105)
    write("in1d_refusals_untracked", {"type": "InstanceNorm1d", "num_features": 2},
          [fwd(randn(3, 2, 1)), fwd(randn(2, 1)), fwd(randn(3, 2, 1), "eval"), fwd(randn(3, 2, 2, 2)),
           fwd(randn(4)), fwd(randn(3, 5, 4), g=True), fwd(randn(5, 4)), fwd(randn(0, 2, 4)), fwd(randn(3, 2, 0)),
           fwd(randn(2, 2, 3), g=True)],
          "InstanceNorm1d(2) refusals: one spatial element in train and (untracked) in eval, named with the "
          "unsqueezed size for unbatched input; 4-D and 1-D input; without affine or tracking 5 channels are "
          "accepted (with gradients); empty batches")

    torch.manual_seed(106)
    write("in1d_refusals_tracked_affine", {"type": "InstanceNorm1d", "num_features": 2, "affine": True,
                                            "track_running_stats": True},
          [fwd(randn(3, 2, 5)), fwd(randn(3, 2, 1)), fwd(randn(3, 2, 1), "eval"), fwd(randn(3, 3, 4)),
           fwd(randn(3, 4), "eval"), fwd(randn(0, 2, 4)), fwd(randn(3, 2, 0)), fwd(randn(3, 5, 0)),
           fwd(randn(2, 2, 3), "eval", g=True)],
          "InstanceNorm1d(2, affine, tracking): one spatial element refused in train, accepted in eval; a channel "
          "count of 3 refused as 'running_mean should contain 9 elements not 6' in train and eval, the running "
          "stats untouched; (0, 2, 4) refused by IndexError (weight[0] of an empty repeat); (3, 5, 0) refused "
          "when the running stats are folded back")

    torch.manual_seed(107)
    write("in1d_empty_tracked", {"type": "InstanceNorm1d", "num_features": 2, "track_running_stats": True},
          [fwd(randn(4, 2, 6)), fwd(randn(3, 2, 0)), fwd(randn(0, 5, 4)), fwd(randn(0, 2, 4)), fwd(randn(2, 2, 3)),
           fwd(randn(0, 1, 4), "eval")],
          "InstanceNorm1d(2, tracking): empty batches fold the repeated running stats back (N = 0 gives NaN), a "
          "(0, 5, 4) batch fails to copy 5 values into 2, a (0, 1, 4) batch broadcasts NaN")

    torch.manual_seed(108)
    write("in2d_momentum_none", {"type": "InstanceNorm2d", "num_features": 2, "momentum": None,
                                 "track_running_stats": True},
          [fwd(randn(2, 2, 3, 3)), fwd(randn(2, 2, 3, 3), "eval"), fwd(randn(2, 2, 1, 1)),
           fwd(randn(2, 2, 1, 1), "eval"), {"op": "set", "momentum": 0.25}, fwd(randn(2, 2, 3, 3), g=True),
           {"op": "set", "momentum": None}, fwd(randn(2, 2, 3, 3))],
          "InstanceNorm2d(2, momentum=None, tracking): every forward refused with PyTorch's TypeError (after the "
          "spatial check in train), running stats untouched; setting momentum 0.25 makes it work, None again refuses")

    torch.manual_seed(109)
    write("in1d_momentum_none_untracked", {"type": "InstanceNorm1d", "num_features": 2, "momentum": None},
          [fwd(randn(2, 2, 5)), fwd(randn(2, 2, 5), "eval"), fwd(randn(2, 5, 5))],
          "InstanceNorm1d(2, momentum=None) without tracking: refused with TypeError too")

    torch.manual_seed(110)
    write("in2d_large_offset", {"type": "InstanceNorm2d", "num_features": 3, "affine": True,
                                "track_running_stats": True, "momentum": 0.5, "weight": [1.0, 0.5, 2.0],
                                "bias": [0.0, -1.0, 1.0]},
          [fwd(randn(2, 3, 8, 8, scale=0.5, offset=1e4), g=True), fwd(randn(2, 3, 8, 8, scale=0.5, offset=1e4)),
           fwd(randn(2, 3, 8, 8, scale=0.5, offset=1e4), "eval", g=True),
           fwd(randn(2, 3, 8, 8, scale=0.5, offset=-1e4), g=True)],
          "InstanceNorm2d at mean 1e4 and -1e4, std 0.5: train, eval and gradients")

    torch.manual_seed(111)
    write("in1d_many_samples", {"type": "InstanceNorm1d", "num_features": 9, "affine": True,
                                "track_running_stats": True, "momentum": 0.7},
          [fwd(randn(20, 9, 6, scale=5), g=True), fwd(randn(37, 9, 3), g=True), fwd(randn(37, 9, 3), "eval", g=True),
           fwd(randn(17, 9, 4), "eval")],
          "InstanceNorm1d(9) over 17 to 37 samples: the running stats and the weight gradient summed over the "
          "samples in PyTorch's order for 8 or more channels")

    torch.manual_seed(112)
    write("in1d_one_channel_many_samples", {"type": "InstanceNorm1d", "num_features": 1, "affine": True,
                                            "track_running_stats": True},
          [fwd(randn(5, 1, 4), g=True), fwd(randn(12, 1, 4), g=True), fwd(randn(40, 1, 3, scale=4), g=True),
           fwd(randn(40, 1, 3), "eval", g=True)],
          "InstanceNorm1d(1): the folds over 5, 12 and 40 samples of one channel (a contiguous sum for 8 or more)")

    torch.manual_seed(113)
    write("in3d_channels_5", {"type": "InstanceNorm3d", "num_features": 5, "track_running_stats": True,
                              "affine": True},
          [fwd(randn(6, 5, 2, 2, 3), g=True), fwd(randn(6, 5, 2, 2, 3), "eval", g=True)],
          "InstanceNorm3d(5): 5 channels, where PyTorch sums 4 columns one way and the fifth another")


# ---- LayerNorm -----------------------------------------------------------------------------

def layer_norm_cases():
    torch.manual_seed(201)
    write("ln_last1_affine", {"type": "LayerNorm", "normalized_shape": [5], "weight": [1.0, -2.0, 0.5, 3.0, 1.0],
                              "bias": [0.0, 0.5, -0.5, 1.0, 2.0]},
          [fwd(randn(4, 5), g=True), fwd(randn(2, 3, 5), "eval", g=True), fwd(randn(5), g=True),
           {"op": "set", "eps": 0.5, "bias": [1.0, 1.0, 1.0, 1.0, 1.0]}, fwd(randn(3, 5), g=True)],
          "LayerNorm(5) with its own weight and bias over 1-D, 2-D and 3-D inputs, train and eval alike, "
          "gradients, a set step changing eps and bias")

    torch.manual_seed(202)
    write("ln_last2_no_affine", {"type": "LayerNorm", "normalized_shape": [4, 3], "elementwise_affine": False},
          [fwd(randn(2, 5, 4, 3), g=True), fwd(randn(4, 3), "eval", g=True), fwd(randn(3, 1, 4, 3, scale=10))],
          "LayerNorm([4, 3], elementwise_affine=False): grad_weight and grad_bias null")

    torch.manual_seed(203)
    write("ln_last3", {"type": "LayerNorm", "normalized_shape": [2, 3, 4], "eps": 1e-3,
                       "weight": [0.1 * i - 1 for i in range(24)], "bias": [0.05 * i for i in range(24)]},
          [fwd(randn(3, 2, 3, 4), g=True), fwd(randn(2, 2, 2, 3, 4, offset=3), "eval", g=True)],
          "LayerNorm([2, 3, 4], eps=1e-3): three normalized dims, 24 weights, gradients")

    torch.manual_seed(204)
    write("ln_long_rows", {"type": "LayerNorm", "normalized_shape": [300]},
          [fwd(randn(3, 300, scale=2, offset=1), g=True), fwd(randn(2, 7), "train")],
          "LayerNorm(300): rows of 300 values (several chunks of Welford's merge); a refused (2, 7)")

    torch.manual_seed(205)
    write("ln_very_long_rows", {"type": "LayerNorm", "normalized_shape": [33, 65], "elementwise_affine": False},
          [fwd(randn(1, 33, 65, scale=3), g=True)],
          "LayerNorm([33, 65]): a row of 2145 values, deeper merges")

    torch.manual_seed(206)
    write("ln_refusals", {"type": "LayerNorm", "normalized_shape": [4, 3]},
          [fwd(randn(2, 3, 4)), fwd(randn(3)), fwd(torch.tensor(2.0)), fwd(randn(0, 4, 3), g=True),
           fwd(randn(4, 3), g=True)],
          "LayerNorm([4, 3]) refusals: trailing shape (3, 4), too few dims, a 0-d input; an empty batch")

    torch.manual_seed(207)
    write("ln_empty_shape", {"type": "LayerNorm", "normalized_shape": [], "weight": [2.0], "bias": [1.0]},
          [fwd(randn(3, 4)), fwd(torch.tensor(1.5)), fwd(randn(2), "eval")],
          "LayerNorm([]) constructs (one weight) and refuses every forward")

    torch.manual_seed(208)
    write("ln_large_offset", {"type": "LayerNorm", "normalized_shape": [16]},
          [fwd(randn(4, 16, scale=0.5, offset=1e4), g=True), fwd(randn(4, 16, scale=0.5, offset=-1e4), g=True)],
          "LayerNorm(16) at mean 1e4 and -1e4, std 0.5")

    torch.manual_seed(209)
    write("ln_degenerate", {"type": "LayerNorm", "normalized_shape": [3], "eps": 0.0},
          [fwd(torch.ones(2, 3)), fwd(f32([[1e20, 0.0, 0.0], [float("nan"), 1.0, 2.0]])),
           fwd(f32([[float("inf"), 0.0, 0.0]])), fwd(randn(2, 3), g=True)],
          "LayerNorm(3, eps=0): a constant row gives NaN (0/0), 1e20 overflows the moments, NaN and inf")


# ---- GroupNorm -----------------------------------------------------------------------------

def group_norm_cases():
    torch.manual_seed(301)
    write("gn_6ch_2groups", {"type": "GroupNorm", "num_groups": 2, "num_channels": 6,
                             "weight": [1.0, 2.0, 0.5, -1.0, 1.5, 3.0], "bias": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]},
          [fwd(randn(3, 6, 5), g=True), fwd(randn(2, 6, 3, 4), "eval", g=True), fwd(randn(4, 6), g=True),
           fwd(randn(1, 6, 2, 2, 2), g=True), {"op": "set", "eps": 0.1, "weight": [1.0] * 6}, fwd(randn(2, 6, 7))],
          "GroupNorm(2, 6) with its own weight and bias over (N, C, L), (N, C, H, W), (N, C) and 5-D input, "
          "train and eval alike, gradients, a set step")

    torch.manual_seed(302)
    write("gn_1group", {"type": "GroupNorm", "num_groups": 1, "num_channels": 4},
          [fwd(randn(3, 4, 3, 3), g=True), fwd(randn(2, 4), g=True)],
          "GroupNorm(1, 4): one group (as LayerNorm over C, H, W)")

    torch.manual_seed(303)
    write("gn_groups_equal_channels", {"type": "GroupNorm", "num_groups": 4, "num_channels": 4,
                                       "affine": False},
          [fwd(randn(3, 4, 6), g=True), fwd(randn(2, 4, 2, 3), "eval", g=True), fwd(randn(2, 8, 6), g=True)],
          "GroupNorm(4, 4, affine=False): a group per channel (as InstanceNorm); without affine 8 channels are "
          "accepted (4 groups of 2)")

    torch.manual_seed(304)
    write("gn_32ch_4groups", {"type": "GroupNorm", "num_groups": 4, "num_channels": 32, "eps": 1e-3},
          [fwd(randn(2, 32, 6, 6, scale=2, offset=0.5), g=True), fwd(randn(3, 32, 5), "eval", g=True)],
          "GroupNorm(4, 32): 8 channels a group (the 8-lane sums of the backward), 288 values a group")

    torch.manual_seed(308)
    write("gn_wide_groups", {"type": "GroupNorm", "num_groups": 2, "num_channels": 42,
                             "weight": [1.0 + 0.05 * i for i in range(42)], "bias": [0.02 * i for i in range(42)]},
          [fwd(randn(2, 42, 3), g=True), fwd(randn(3, 42, 13), g=True)],
          "GroupNorm(2, 42): 21 channels a group (16 in 8-lane sums, 5 left over), 3 and 13 values a channel")

    torch.manual_seed(305)
    write("gn_refusals", {"type": "GroupNorm", "num_groups": 2, "num_channels": 4},
          [fwd(randn(4)), fwd(torch.tensor(3.0)), fwd(randn(1, 2, 1)), fwd(randn(1, 2, 1), "eval"),
           fwd(randn(1, 2)), fwd(randn(2, 3, 3)), fwd(randn(2, 6, 3)), fwd(randn(0, 4, 3), g=True),
           fwd(randn(1, 4), g=True)],
          "GroupNorm(2, 4) refusals: 1-D and 0-d input (IndexError), one value per group with a Python list in "
          "the message in train and in eval, 3 channels not divisible by 2 groups, 6 channels for 4 weights; "
          "an empty batch; (1, 4) accepted")

    torch.manual_seed(306)
    write("gn_large_offset", {"type": "GroupNorm", "num_groups": 3, "num_channels": 6},
          [fwd(randn(2, 6, 10, scale=0.5, offset=1e4), g=True), fwd(randn(2, 6, 10, scale=0.5, offset=-1e4), g=True)],
          "GroupNorm(3, 6) at mean 1e4 and -1e4, std 0.5")

    torch.manual_seed(307)
    write("gn_degenerate", {"type": "GroupNorm", "num_groups": 1, "num_channels": 3, "eps": 0.0},
          [fwd(torch.ones(2, 3)), fwd(f32([[1e20, 0.0, 0.0], [float("nan"), 1.0, 2.0]])), fwd(randn(2, 3), g=True)],
          "GroupNorm(1, 3, eps=0): a constant group gives NaN, 1e20 overflows the moments, NaN")


def write_readme():
    lines = ["| file | what it covers |", "|---|---|"]
    lines += ["| `%s.json` | %s |" % (name, what) for name, what in CASES]
    with open(os.path.join(HERE, "CASES.md"), "w", encoding="utf-8") as f:
        f.write("# The cases of gen_family.py\n\nWritten by the script; see README.md.\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    instance_norm_cases()
    layer_norm_cases()
    group_norm_cases()
    write_readme()
    print(len(CASES), "cases written to", HERE)
