"""NormScope's `bench` and PyTorch 1.13 timed one after the other, per layer, shape and mode.

Measurement only (the project never needs Python). From the repository, after
`./mvnw -B package -DskipTests`:

    /usr/bin/python3 docs/bench/side_by_side.py --repeats 3 > table.md

For each row: `java -jar target/normscope.jar bench ... --json`, then
`docs/bench/torch_forward.py ... --json` (torch.set_num_threads(2)), alternating, --repeats
times; the table gives the median of the runs' medians and their ratio.
Only rows whose name contains --only are run, if given.

With --fresh, one row instead: a fresh batch each step, BatchNorm2d train on (64, 64, 8, 8):
`bench --fresh` (NormScope's draw, then the forward) against `torch_forward.py --fresh`
(`x.normal_(); bn(x)`), --iters steps a run (default 2000 here).

    /usr/bin/python3 docs/bench/side_by_side.py --fresh --repeats 5
"""
import argparse
import json
import statistics
import subprocess
import sys

ROWS = [
    ("BatchNorm2d", "64,64,32,32", []),
    ("BatchNorm1d", "64,64,1024", []),
    ("BatchNorm3d", "8,32,16,32,32", []),
    ("BatchNorm1d", "4096,256", []),
    ("InstanceNorm2d", "64,64,32,32", []),
    ("InstanceNorm1d", "64,64,1024", []),
    ("InstanceNorm3d", "8,32,16,32,32", []),
    ("LayerNorm", "4096,256", ["--normalized-dims", "1"]),
    ("LayerNorm", "64,64,1024", ["--normalized-dims", "2"]),
    ("LayerNorm", "64,64,32,32", ["--normalized-dims", "3"]),
    ("GroupNorm", "64,64,32,32", ["--groups", "32"]),
    ("GroupNorm", "4096,256", ["--groups", "32"]),
]

p = argparse.ArgumentParser()
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--iters", default=None, help="timed forwards a run (default 200; 2000 with --fresh)")
p.add_argument("--warmup-ms", default="1500")
p.add_argument("--only", default="")
p.add_argument("--modes", default="train,eval")
p.add_argument("--fresh", action="store_true", help="the fresh-batch row only (draw + forward per step)")
a = p.parse_args()
if a.iters is None:
    a.iters = "2000" if a.fresh else "200"


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return r["step_median_ms"] if "step_median_ms" in r else r["median_ms"]


def label(layer, shape, extra):
    if layer == "LayerNorm":
        k = int(extra[1])
        return f"LayerNorm over ({', '.join(shape.split(',')[-k:])},)".replace(",)", ")") if k > 1 else \
            f"LayerNorm over ({shape.split(',')[-1]},)"
    if layer == "GroupNorm":
        return f"GroupNorm({extra[1]}, {shape.split(',')[1]})"
    return layer


print("| layer | shape | mode | NormScope ms | PyTorch 1.13 ms | NormScope / PyTorch |")
print("|---|---|---|---|---|---|")
if a.fresh:
    common = ["--layer", "BatchNorm2d", "--shape", "64,64,8,8", "--mode", "train", "--iters", a.iters,
              "--warmup-ms", a.warmup_ms, "--json"]
    ours, theirs = [], []
    for _ in range(a.repeats):
        ours.append(run(["java", "-jar", "target/normscope.jar", "bench", "--fresh"] + common))
        theirs.append(run(["/usr/bin/python3", "docs/bench/torch_forward.py", "--fresh"] + common))
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"| BatchNorm2d, fresh batch each step (draw + forward) | (64, 64, 8, 8) | train | {o:.3f} | {t:.3f} "
          f"| {o / t:.2f} |", flush=True)
    print(f"  runs: normscope {ours} pytorch {theirs}", file=sys.stderr, flush=True)
    ROWS = []
for layer, shape, extra in ROWS:
    if a.only and a.only not in f"{layer} {shape}":
        continue
    for mode in a.modes.split(","):
        common = ["--layer", layer, "--shape", shape, "--mode", mode, "--iters", a.iters,
                  "--warmup-ms", a.warmup_ms, "--json"] + extra
        ours, theirs = [], []
        for _ in range(a.repeats):
            ours.append(run(["java", "-jar", "target/normscope.jar", "bench"] + common))
            theirs.append(run(["/usr/bin/python3", "docs/bench/torch_forward.py"] + common))
        o, t = statistics.median(ours), statistics.median(theirs)
        print(f"| {label(layer, shape, extra)} | ({shape.replace(',', ', ')}) | {mode} | {o:.3f} | {t:.3f} | {o / t:.2f} |",
              flush=True)
        print(f"  runs: normscope {ours} pytorch {theirs}", file=sys.stderr, flush=True)
