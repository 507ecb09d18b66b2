#!/usr/bin/env python3
# A PyTorch script made by NormScope 1.0.0 (export-python) from the scenario "seed_bn1d_ones".
# It builds the layer, replays every step through torch.nn, and compares what PyTorch gives
# with the numbers NormScope's engine gave for the same steps (embedded below).
# It needs Python 3 and PyTorch (made for PyTorch 1.13), nothing else.
#
#   python3 seed_bn1d_ones.py         one line per difference, then "N passed, M failed":
#                                     N and M count the compared items, each step's error,
#                                     output, running_mean, running_var, num_batches_tracked
#                                     and gradients; exit code 0 when none failed, else 1
#   python3 seed_bn1d_ones.py --json  PyTorch's result as normscope-result/1 JSON instead
#
# The layer: torch.nn.BatchNorm1d(4, eps=0.0, momentum=0.3), 7 steps; numbers match when
# |got - want| <= atol + rtol * |want| with atol 1e-05, rtol 0.0001.
import base64
import json
import math
import os
import struct
import sys

import torch

# Two numbers match when |got - want| <= ATOL + RTOL * |want|; NaN matches only NaN, an
# infinity only the same infinity.
ATOL = 1e-05
RTOL = 0.0001


# ---------------------------------------------------------------------------- the layer


def make_layer():
    """The layer as the scenario builds it, with its state before the first step."""
    layer = torch.nn.BatchNorm1d(4, eps=0.0, momentum=0.3)
    return layer


# ---------------------------------------------------------------------------- one step


def run_step(layer, step):
    """Runs one step of the scenario on the layer; returns what PyTorch gave, as a result entry."""
    if step["op"] == "reset_running_stats":
        layer.reset_running_stats()
        return with_state(layer, {"output": None})

    if step["op"] == "set":
        if "eps" in step:
            layer.eps = step["eps"]
        if "momentum" in step:
            layer.momentum = step["momentum"]  # None: a cumulative moving average
        with torch.no_grad():
            # flattened in the scenario: LayerNorm's are shaped as its normalized_shape
            if "weight" in step:
                layer.weight.copy_(torch.as_tensor(step["weight"]).reshape(layer.weight.shape))
            if "bias" in step:
                layer.bias.copy_(torch.as_tensor(step["bias"]).reshape(layer.bias.shape))
        return with_state(layer, {"output": None})

    # A forward step, and one backward pass when the step gives grad_output.
    layer.train(step["mode"] == "train")
    x = step["input"].clone()
    g = step.get("grad_output")
    if g is not None:
        x.requires_grad_(True)
    layer.zero_grad(set_to_none=True)  # gradients do not accumulate across steps
    try:
        y = layer(x)
        if g is not None:
            y.backward(g)
    except (ValueError, RuntimeError, TypeError, IndexError) as e:  # a refused step is a result too; the run goes on
        return with_state(layer, {"error": {"type": type(e).__name__, "message": str(e)}})
    entry = {"output": y.detach()}
    with_state(layer, entry)
    if g is not None:
        entry["grad_input"] = x.grad
        entry["grad_weight"] = None if layer.weight is None else layer.weight.grad.reshape(-1)
        entry["grad_bias"] = None if layer.bias is None else layer.bias.grad.reshape(-1)
    return entry


def with_state(layer, entry):
    """Adds the layer's running stats and num_batches_tracked (None without tracking) to a result entry."""
    # LayerNorm and GroupNorm have none of these attributes
    running_mean = getattr(layer, "running_mean", None)
    running_var = getattr(layer, "running_var", None)
    entry["running_mean"] = None if running_mean is None else running_mean.clone()
    entry["running_var"] = None if running_var is None else running_var.clone()
    nbt = getattr(layer, "num_batches_tracked", None)
    entry["num_batches_tracked"] = None if nbt is None else int(nbt)
    return entry


# ---------------------------------------------------------------------------- the run


def main():
    """Replays every step on a new layer, then compares each result with NormScope's (or prints it: --json)."""
    layer = make_layer()
    got = [run_step(layer, step) for step in STEPS]
    if "--json" in sys.argv[1:]:
        print(result_json(got))
        return 0
    passed = failed = 0
    for i, (g, w) in enumerate(zip(got, EXPECTED)):
        for key in RESULT_KEYS:
            if key not in g and key not in w:
                continue
            difference = differs(key, g.get(key), w.get(key))
            if difference is None:
                passed += 1
            else:
                failed += 1
                print("steps[%d].%s%s" % (i, key, difference))  # e.g. steps[3].running_var[1]: got ..., want ...
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


# ---------------------------------------------------------------------------- comparing

RESULT_KEYS = ("error", "output", "running_mean", "running_var", "num_batches_tracked",
               "grad_input", "grad_weight", "grad_bias")
TENSOR_KEYS = ("input", "grad_output", "output", "grad_input")
VECTOR_KEYS = ("weight", "bias", "running_mean", "running_var", "grad_weight", "grad_bias")


def differs(key, got, want):
    """None when got matches want; else how it differs, e.g. '[1]: got 0.906110048, want 0.906059921'."""
    if got is None or want is None:
        return None if got is None and want is None else ": got %s, want %s" % (show(key, got), show(key, want))
    if key in ("error", "num_batches_tracked"):
        return None if got == want else ": got %s, want %s" % (show(key, got), show(key, want))
    if list(got.shape) != list(want.shape):
        return ".shape: got %s, want %s" % (list(got.shape), list(want.shape))
    g = got.detach().double().reshape(-1)
    w = want.double().reshape(-1)
    finite = torch.isfinite(g) & torch.isfinite(w)
    close = finite & ((g - w).abs() <= ATOL + RTOL * w.abs())
    ok = close | (g == w) | (torch.isnan(g) & torch.isnan(w))
    bad = (~ok).nonzero().reshape(-1).tolist()
    if not bad:
        return None
    prefix = ".data" if key in TENSOR_KEYS else ""
    more = "" if len(bad) == 1 else " (%d of %d values differ)" % (len(bad), w.numel())
    i = bad[0]
    return "%s[%d]: got %.9g, want %.9g%s" % (prefix, i, g[i].item(), w[i].item(), more)


def show(key, value):
    if value is None:
        return "no error" if key == "error" else "None"
    if isinstance(value, dict):
        return "%s: %s" % (value["type"], value["message"])
    if isinstance(value, torch.Tensor):
        return "a tensor of shape %s" % list(value.shape)
    return str(value)


# ---------------------------------------------------------------------------- --json


def result_json(entries):
    """PyTorch's result as normscope-result/1 JSON, one step per line."""
    lines = [json.dumps(to_json(entry), separators=(",", ":"), allow_nan=False) for entry in entries]
    return '{"format":"normscope-result/1","steps":[\n' + ",\n".join(lines) + "\n]}"


def to_json(entry):
    """A result entry as JSON: tensors as {"shape", "data"}, per-channel vectors as lists."""
    out = {}
    for key, value in entry.items():
        if isinstance(value, torch.Tensor):
            data = [json_number(v) for v in value.detach().reshape(-1).tolist()]
            value = {"shape": list(value.shape), "data": data} if key in TENSOR_KEYS else data
        out[key] = value
    return out


def json_number(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


# ---------------------------------------------------------------------------- reading the data


def decode(shape, text):
    """A float32 tensor from the base64 of its row-major little-endian bytes."""
    raw = base64.b64decode(text)
    values = struct.unpack("<%df" % (len(raw) // 4), raw)
    return torch.tensor(values, dtype=torch.float32).reshape(shape)


def with_tensors(entry, tensors):
    """A copy of the entry (a step, a result, the layer's initial state) with tensors in place of their names:
    an index into `tensors` (embedded data) or a JSON tensor {"shape", "data"} or list (the data file)."""
    out = dict(entry)
    for key in TENSOR_KEYS + VECTOR_KEYS:
        value = out.get(key)
        if isinstance(value, int):
            out[key] = tensors[value]
        elif isinstance(value, dict):
            out[key] = torch.tensor([number(v) for v in value["data"]], dtype=torch.float32).reshape(
                value["shape"])
        elif isinstance(value, list):
            out[key] = torch.tensor([number(v) for v in value], dtype=torch.float32)
    return out


def number(v):
    """A JSON value as a float: the strings "NaN", "Infinity", "-Infinity" too."""
    return float(v) if isinstance(v, str) else v


# ---------------------------------------------------------------------------- the scenario's data
# Each distinct tensor once, as (shape, base64 of its float32 values, little-endian);
# the steps and results below name tensors by their index in this list.
TENSORS = [decode(shape, text) for shape, text in [
    ([2, 4, 1], "AACAPwAAgD8AAIA/AACAPwAAgD8AAIA/AACAPwAAgD8="),  # 0
    ([2, 4, 1], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),  # 1
    ([4], "mpmZPpqZmT6amZk+mpmZPg=="),  # 2
    ([4], "MzMzPzMzMz8zMzM/MzMzPw=="),  # 3
    ([4], "XI8CP1yPAj9cjwI/XI8CPw=="),  # 4
    ([4], "R+H6Pkfh+j5H4fo+R+H6Pg=="),  # 5
    ([4], "JzEoPycxKD8nMSg/JzEoPw=="),  # 6
    ([4], "sp2vPrKdrz6yna8+sp2vPg=="),  # 7
    ([4], "zohCP86IQj/OiEI/zohCPw=="),  # 8
    ([4], "xtx1PsbcdT7G3HU+xtx1Pg=="),  # 9
    ([2, 4, 1], "SOH6Pkjh+j5I4fo+SOH6Pkjh+j5I4fo+SOH6Pkjh+j4="),  # 10
    ([4], "XflUP135VD9d+VQ/XflUPw=="),  # 11
    ([4], "ihosPooaLD6KGiw+ihosPg=="),  # 12
]]

# The layer's parameters and state before the first step, where the scenario sets them.
INITIAL = with_tensors({}, TENSORS)

# The scenario's steps, in order.
STEPS = [with_tensors(entry, TENSORS) for entry in [
    {"op": "forward", "mode": "train", "input": 0},  # steps[0]
    {"op": "forward", "mode": "train", "input": 0},  # steps[1]
    {"op": "forward", "mode": "train", "input": 0},  # steps[2]
    {"op": "forward", "mode": "train", "input": 0},  # steps[3]
    {"op": "forward", "mode": "eval", "input": 0},  # steps[4]
    {"op": "forward", "mode": "eval", "input": 0},  # steps[5]
    {"op": "forward", "mode": "train", "input": 0},  # steps[6]
]]

# NormScope's result for each step, from its engine when this script was made.
EXPECTED = [with_tensors(entry, TENSORS) for entry in [
    {"output": 1, "running_mean": 2, "running_var": 3, "num_batches_tracked": 1},  # steps[0]
    {"output": 1, "running_mean": 4, "running_var": 5, "num_batches_tracked": 2},  # steps[1]
    {"output": 1, "running_mean": 6, "running_var": 7, "num_batches_tracked": 3},  # steps[2]
    {"output": 1, "running_mean": 8, "running_var": 9, "num_batches_tracked": 4},  # steps[3]
    {"output": 10, "running_mean": 8, "running_var": 9, "num_batches_tracked": 4},  # steps[4]
    {"output": 10, "running_mean": 8, "running_var": 9, "num_batches_tracked": 4},  # steps[5]
    {"output": 1, "running_mean": 11, "running_var": 12, "num_batches_tracked": 5},  # steps[6]
]]


if __name__ == "__main__":
    sys.exit(main())
