#!/usr/bin/env python3
"""CPython's asyncio.TaskGroup on the suite's workloads, reported per task.

The same workloads as the .NET suite (bench/README.md):
  1. fan-out      N tasks that yield once (await asyncio.sleep(0)) and return their index;
  2. cancellation N-1 tasks wait on a future that never completes, the last one raises after one yield;
                  time until the TaskGroup has exited (every waiter cancelled and joined);
  3. failures     every task waits on one gate (an asyncio.Event, set once every task has started) then raises;
                  the TaskGroup raises an ExceptionGroup of N exceptions;
  4. scale        workload 1 at 1,000,000 tasks.
Each measurement is the whole `async with asyncio.TaskGroup()` block, creating the tasks included, timed with
time.perf_counter_ns; the median over several repetitions (after one warm-up) divided by N is the time per task.

    python3 bench/asyncio_taskgroup.py                 # full run (about two minutes)
    python3 bench/asyncio_taskgroup.py --smoke         # N=10 and 1,000 only, few repetitions
    python3 bench/asyncio_taskgroup.py --json PATH     # also write the results as JSON (read by the plot tool)
"""

import argparse
import asyncio
import gc
import json
import platform
import statistics
import sys
import time


class ChildFailed(Exception):
    pass


async def yield_then_return(i):
    await asyncio.sleep(0)
    return i


async def fan_out(n):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(yield_then_return(i)) for i in range(n)]
    results = [t.result() for t in tasks]
    assert results[-1] == n - 1 and len(results) == n
    return results


async def wait_forever():
    await asyncio.get_running_loop().create_future()


async def fail_after_yield():
    await asyncio.sleep(0)
    raise ChildFailed("child failed")


async def cancellation(n):
    caught = 0
    try:
        async with asyncio.TaskGroup() as tg:
            for _ in range(n - 1):
                tg.create_task(wait_forever())
            tg.create_task(fail_after_yield())
    except* ChildFailed as group:
        caught = len(group.exceptions)
    assert caught == 1, caught


async def fail_after(gate):
    await gate.wait()
    raise ChildFailed("child failed")


async def failures(n):
    gate = asyncio.Event()
    caught = 0
    try:
        async with asyncio.TaskGroup() as tg:
            for _ in range(n):
                tg.create_task(fail_after(gate))
            await asyncio.sleep(0)  # every task runs up to its gate
            gate.set()
    except* ChildFailed as group:
        caught = len(group.exceptions)
    assert caught == n, caught


WORKLOADS = {"fan-out": fan_out, "cancellation": cancellation, "failures": failures}


def repetitions(n, smoke):
    if smoke:
        return 3
    return {10: 2001, 1_000: 201, 100_000: 11, 1_000_000: 3}[n]


async def measure(workload, n, reps):
    await workload(n)  # warm-up
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter_ns()
        await workload(n)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="N=10 and 1,000 only, 3 repetitions")
    parser.add_argument("--json", metavar="PATH", help="write the results as JSON")
    args = parser.parse_args()

    sizes = [10, 1_000] if args.smoke else [10, 1_000, 100_000]
    plan = [(name, n) for name in WORKLOADS for n in sizes]
    if not args.smoke:
        plan.append(("fan-out", 1_000_000))  # workload 4, scale

    print(f"CPython {platform.python_version()} asyncio.TaskGroup on {platform.machine()}, {platform.system()}")
    print("| workload | N | reps | median (ms) | ns/task |")
    print("| --- | ---: | ---: | ---: | ---: |")
    results = []
    for name, n in plan:
        reps = repetitions(n, args.smoke)
        median = asyncio.run(measure(WORKLOADS[name], n, reps))
        per_task = median / n
        results.append({"workload": name, "n": n, "repetitions": reps, "median_ns": median, "ns_per_task": per_task})
        print(f"| {name} | {n:,} | {reps} | {median / 1e6:.3f} | {per_task:.0f} |", flush=True)

    if args.json:
        with open(args.json, "w") as out:
            json.dump({"python": platform.python_version(), "implementation": platform.python_implementation(),
                       "results": results}, out, indent=2)
        print(f"written: {args.json}")


if __name__ == "__main__":
    sys.exit(main())
