"""Times PyTorch's forward of one normalization layer as `normscope bench` times NormScope's.

Only for measuring side by side: NormScope itself never needs Python.

    python3 docs/bench/torch_forward.py --layer BatchNorm1d --shape 4096,256 --mode train

Same defaults as `bench` (standard-normal float32 batch, reused output memory is not
possible in PyTorch's module call, so each forward allocates its output as it does in use;
a warm-up of --warmup-ms, then --iters forwards each timed alone; median, min, mean).
Threads: --threads (default 2, the machine's cores).

With --fresh it times what NormScope's `bench --fresh` times, a fresh batch each step: each
timed step is `x.normal_(); layer(x)` (the draw into the same tensor, then the forward), and
before them --iters `x.normal_()` alone are timed; median_ms is the step's.

    python3 docs/bench/torch_forward.py --layer BatchNorm2d --shape 64,64,8,8 --fresh --iters 2000
"""
import argparse
import json
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--layer", default="BatchNorm2d")
p.add_argument("--shape", default="64,64,32,32")
p.add_argument("--mode", default="train", choices=["train", "eval"])
p.add_argument("--iters", type=int, default=200)
p.add_argument("--warmup-ms", type=int, default=2000)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--normalized-dims", type=int, default=1)
p.add_argument("--groups", type=int, default=None)
p.add_argument("--fresh", action="store_true", help="time x.normal_(); layer(x) per step")
p.add_argument("--json", action="store_true")
a = p.parse_args()

torch.set_num_threads(a.threads)
shape = [int(s) for s in a.shape.split(",")]
C = shape[1]
nn = torch.nn
if a.layer.startswith("BatchNorm"):
    layer = getattr(nn, a.layer)(C)
elif a.layer.startswith("InstanceNorm"):
    layer = getattr(nn, a.layer)(C)
elif a.layer == "LayerNorm":
    layer = nn.LayerNorm(shape[len(shape) - a.normalized_dims:])
elif a.layer == "GroupNorm":
    g = a.groups if a.groups is not None else max(d for d in range(1, min(32, C) + 1) if C % d == 0)
    layer = nn.GroupNorm(g, C)
else:
    raise SystemExit("unknown layer " + a.layer)
layer.train(a.mode == "train")
x = torch.randn(*shape, generator=torch.Generator().manual_seed(42))

with torch.no_grad():
    layer(x)
    warm = 0
    until = time.perf_counter() + a.warmup_ms / 1e3
    while warm < 20 or time.perf_counter() < until:
        layer(x)
        warm += 1
    draw = []
    if a.fresh:
        for _ in range(a.iters):
            t0 = time.perf_counter()
            x.normal_()
            draw.append((time.perf_counter() - t0) * 1e3)
    ms = []
    for _ in range(a.iters):
        t0 = time.perf_counter()
        if a.fresh:
            x.normal_()
        layer(x)
        ms.append((time.perf_counter() - t0) * 1e3)

med = statistics.median(ms)
what = "x.normal_(); layer(x) per step" if a.fresh else "forward"
print(f"{layer} {a.mode} {what} on {tuple(shape)} float32, torch {torch.__version__}, {torch.get_num_threads()} threads")
print(f"warm-up {warm} forwards, timed {a.iters} " + ("draws and steps" if a.fresh else "forwards"))
if a.fresh:
    print(f"x.normal_()    median {statistics.median(draw):.3f} ms   min {min(draw):.3f} ms")
print(f"median {med:.3f} ms   min {min(ms):.3f} ms   mean {statistics.mean(ms):.3f} ms   "
      + (f"{1e3 / med:.0f} steps/s" if a.fresh else f"{x.numel() / med / 1e6:.3f} G elements/s"))
if a.json:
    result = {"layer": a.layer, "shape": shape, "mode": a.mode, "iters": a.iters, "median_ms": round(med, 4),
              "min_ms": round(min(ms), 4), "mean_ms": round(statistics.mean(ms), 4),
              "threads": torch.get_num_threads(), "torch": torch.__version__}
    if a.fresh:
        result.update({"fresh": True, "draw_median_ms": round(statistics.median(draw), 4),
                       "steps_per_s": round(1e3 / med, 1)})
    print(json.dumps(result, separators=(",", ":")))
