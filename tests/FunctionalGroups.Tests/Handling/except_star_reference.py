# Python's own rules for several except* clauses of one try (PEP 654), the reference that
# ExceptStarClausesTests.cs mirrors. Run: python3 except_star_reference.py  (Python 3.11 or later)
# Each case prints the outcome as a tree: type names, and for a group its message and entries.


def show(e):
    if isinstance(e, BaseExceptionGroup):
        return f"Group({e.message!r}: " + ", ".join(show(x) for x in e.exceptions) + ")"
    return f"{type(e).__name__}({e})"


def run(name, body):
    log = []
    try:
        body(log)
        outcome = "no error"
    except BaseException as e:
        outcome = show(e)
    print(f"{name}: ran {log} -> {outcome}")


def original():
    return ExceptionGroup("g", [TimeoutError("t"), ConnectionError("c"), ValueError("v")])


def case1(log):
    # A clause raises an error that the next clause would match: the next clause never sees it.
    try:
        raise original()
    except* TimeoutError:
        log.append("timeouts")
        raise ConnectionError("raised in the timeout clause")
    except* ConnectionError as eg:
        log.append(f"connection errors: {len(eg.exceptions)}")
    except* ValueError:
        log.append("values")


def case2(log):
    # Each clause sees only its part of the original group; what a clause raises goes to the final group,
    # first, with the failures left (unmatched) after it, as a group in the original's shape.
    try:
        raise original()
    except* TimeoutError:
        log.append("timeouts")
    except* ConnectionError:
        log.append("connection errors")
        raise RuntimeError("handler failed")


def case3(log):
    # A bare raise (observe and re-raise) keeps the matched part in its place in the original group.
    try:
        raise ExceptionGroup("g", [TimeoutError("t"), ExceptionGroup("inner", [ConnectionError("c"), TimeoutError("t2")])])
    except* TimeoutError as eg:
        log.append(f"observed timeouts: {len(eg.exceptions)}")
        raise
    except* ConnectionError:
        log.append("connection errors")


def case4(log):
    # Every failure handled: no error.
    try:
        raise original()
    except* (TimeoutError, ConnectionError):
        log.append("timeouts and connection errors")
    except* ValueError:
        log.append("values")


def case5(log):
    # A clause that matches nothing does not run.
    try:
        raise ExceptionGroup("g", [ValueError("v")])
    except* TimeoutError:
        log.append("timeouts")
    except* ValueError:
        log.append("values")
        raise


for n, c in enumerate([case1, case2, case3, case4, case5], 1):
    run(f"case{n}", c)
