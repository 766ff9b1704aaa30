#!/usr/bin/env python3
"""Mutation testing for KeyWizard: plants one small, realistic bug at a time and checks
that the test suite notices.

No maintained mutation tool for Swift builds on Linux, so this is a small one. It reads a
curated list of mutants (Tools/mutants.tsv: id, source file, exact text, replacement, the
behaviour the mutant breaks), and for each one, in a SCRATCH COPY of the tree (never the
working tree): applies the mutant, builds, runs `swift test`, restores the file.

Outcomes:
  killed        the suite failed (the tests noticed the bug)
  build-failed  the mutant does not compile (killed by the compiler; reported apart)
  timeout       build or tests exceeded the time limit (counted as killed, reported apart)
  survived      the suite passed with the bug in place: a gap in the tests
  stale         the exact text is not in the file (or not exactly once): the list needs a
                refresh after the code changed; an ERROR, never counted as survived

Score = (killed + build-failed + timeout) / (mutants run, stale excluded).

The scratch copy lives in $KEYWIZARD_MUTATE_DIR or /tmp/keywizard-mutate-<hash of the
tree's path> and is kept between runs, so only the first run builds from scratch; each run
first syncs the working tree's sources into it (everything but .build/.git). Dependency
checkouts are copied from the tree's .build so no network is needed.

Usage (see `make mutate`; run it with nice -n 19 on a shared machine):
  Tools/mutate.py [--only ID[,ID...]] [--list] [--prepare] [--fast] [--full-runs] [--min-score PCT]
  --fast   skip the slow end-to-end suites (EndToEndTests: tmux, SSHEndToEndTests: sshd);
           the mutants list marks which mutants only those suites can kill (none today).
Exit status: 0 score >= --min-score and no stale mutants; 1 below the minimum score (or
baseline failure); 2 stale mutants (or a bad list); 3 interrupted (SIGTERM/Ctrl-C: the
mutants run so far are reported, and the scratch file is restored).
"""
import argparse
import datetime
import hashlib
import os
import platform
import re
import select
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
LIST = os.path.join(ROOT, "Tools", "mutants.tsv")
SKIP_DIRS = {".build", ".git", ".swiftpm"}
SLOW_SUITES = ["EndToEndTests", "SSHEndToEndTests"]
NEWLINE = "\u23ce"  # stands for a line break in a mutant's text


class Mutant:
    def __init__(self, line_no, mid, path, find, replace, breaks):
        self.line_no, self.id, self.path, self.find, self.replace, self.breaks = line_no, mid, path, find, replace, breaks


def read_list(path):
    """Tab-separated, one mutant a line; '#' starts a comment line. The texts are taken
    literally (a backslash in Swift source stays a backslash), except U+23CE, which stands
    for a line break so that a mutant can span lines."""
    mutants, errors, seen = [], [], set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                errors.append(f"{path}:{n}: expected 5 tab-separated columns (id, file, text, replacement, breaks), found {len(cols)}")
                continue
            mid, file, find, replace, breaks = cols
            find, replace = find.replace(NEWLINE, "\n"), replace.replace(NEWLINE, "\n")
            if mid in seen:
                errors.append(f"{path}:{n}: duplicate mutant id '{mid}'")
            seen.add(mid)
            if find == replace:
                errors.append(f"{path}:{n}: mutant '{mid}' replaces the text with itself")
            mutants.append(Mutant(n, mid, file, find, replace, breaks))
    return mutants, errors


def staleness(m, tree):
    """None when the mutant applies, else why it is stale."""
    p = os.path.join(tree, m.path)
    if not os.path.isfile(p):
        return f"file {m.path} does not exist"
    with open(p, encoding="utf-8") as f:
        count = f.read().count(m.find)
    if count == 0:
        return f"text not found in {m.path}"
    if count > 1:
        return f"text occurs {count} times in {m.path} (must be exactly once)"
    return None


def scratch_dir():
    env = os.environ.get("KEYWIZARD_MUTATE_DIR")
    if env:
        return os.path.abspath(env)
    tag = hashlib.sha1(ROOT.encode()).hexdigest()[:8]
    return os.path.join(os.environ.get("TMPDIR", "/tmp"), f"keywizard-mutate-{tag}")


def sync_tree(src, dst):
    """Make dst's sources equal to src's (mtime+size check), leaving dst/.build alone."""
    copied = removed = 0
    wanted = set()
    for d, dirs, files in os.walk(src):
        rel = os.path.relpath(d, src)
        dirs[:] = [x for x in dirs if not (rel == "." and x in SKIP_DIRS)]
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in files:
            r = os.path.normpath(os.path.join(rel, name))
            wanted.add(r)
            s, t = os.path.join(src, r), os.path.join(dst, r)
            try:
                ss, ts = os.stat(s), os.stat(t)
                if ss.st_size == ts.st_size and int(ss.st_mtime) == int(ts.st_mtime):
                    continue
            except FileNotFoundError:
                pass
            shutil.copy2(s, t)
            copied += 1
    for d, dirs, files in os.walk(dst):
        rel = os.path.relpath(d, dst)
        dirs[:] = [x for x in dirs if not (rel == "." and x in SKIP_DIRS)]
        for name in files:
            r = os.path.normpath(os.path.join(rel, name))
            if r not in wanted:
                os.remove(os.path.join(dst, r))
                removed += 1
    return copied, removed


def seed_build_dir(src, dst):
    """Copy the dependency checkouts (not the build products: they embed the tree's
    absolute path and would be rebuilt anyway) so the scratch copy builds offline."""
    b_src, b_dst = os.path.join(src, ".build"), os.path.join(dst, ".build")
    if os.path.isdir(b_dst) or not os.path.isdir(b_src):
        return
    os.makedirs(b_dst)
    for name in ["checkouts", "repositories", "artifacts", "workspace-state.json"]:
        s = os.path.join(b_src, name)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(b_dst, name), symlinks=True)
        elif os.path.isfile(s):
            shutil.copy2(s, os.path.join(b_dst, name))


def run(cmd, cwd, log, timeout, stop_at_first_failure=False):
    """Run cmd, append its output to log; returns 'ok', 'failed' or 'timeout'. With
    stop_at_first_failure the run is stopped at the first failed test case (the mutant is
    killed; the rest of the suite would not change that), which saves most of the time."""
    deadline = time.time() + timeout
    with open(log, "a") as out:
        out.write(f"$ {' '.join(cmd)}\n")
        out.flush()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        os.set_blocking(p.stdout.fileno(), False)
        try:
            failed_early, timed_out = _follow(p, out, deadline, stop_at_first_failure)
        except BaseException:
            os.killpg(p.pid, signal.SIGKILL)  # never leave a build or test run behind
            p.wait()
            raise
        rc = p.wait()
        if timed_out:
            out.write(f"\n[mutate] timed out after {timeout} s\n")
            return "timeout"
        if failed_early:
            out.write("\n[mutate] stopped at the first failed test case\n")
            return "failed"
        out.write(f"\n[mutate] exit status {rc}\n")
        return "ok" if rc == 0 else "failed"


def _follow(p, out, deadline, stop_at_first_failure):
    """Copy p's output to out until it ends, a test fails (when asked) or time runs out."""
    failed_early = timed_out = False
    pending = b""
    while True:
        ready, _, _ = select.select([p.stdout], [], [], 1.0)
        chunk = p.stdout.read() if ready else None  # None: nothing yet; b"": end of output
        if chunk:
            out.write(chunk.decode("utf-8", "replace"))
            pending = (pending + chunk)[-4096:]
            if stop_at_first_failure and re.search(rb"Test Case '[^']*' failed", pending):
                failed_early = True
        elif chunk == b"":  # end of output: the process is exiting
            try:
                p.wait(timeout=max(1, deadline - time.time()))
                break
            except subprocess.TimeoutExpired:
                pass
        if failed_early or time.time() > deadline:
            timed_out = not failed_early
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            break
    return failed_early, timed_out


def failing_tests(log):
    with open(log, errors="replace") as f:
        return list(dict.fromkeys(re.findall(r"Test Case '([^']*)' failed", f.read())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="list the mutants and whether each still applies; run nothing")
    ap.add_argument("--only", action="append", default=[], help="run only these mutant ids (repeatable, or comma-separated)")
    ap.add_argument("--fast", action="store_true", help="skip the slow end-to-end suites: " + ", ".join(SLOW_SUITES))
    ap.add_argument("--prepare", action="store_true", help="only sync and build the scratch copy (so that a later run starts at once)")
    ap.add_argument("--full-runs", action="store_true", help="run the whole suite even after a test has failed (slower; lists every failing test)")
    ap.add_argument("--min-score", type=float, default=0.0, help="exit 1 when the score (percent) is below this")
    ap.add_argument("--build-timeout", type=int, default=1800)
    ap.add_argument("--test-timeout", type=int, default=900)
    ap.add_argument("--mutants", default=LIST, help="the mutant list (default Tools/mutants.tsv)")
    args = ap.parse_args()

    mutants, errors = read_list(args.mutants)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 2
    only = {x for o in args.only for x in o.split(",") if x}
    unknown = only - {m.id for m in mutants}
    if unknown:
        print(f"unknown mutant id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    if only:
        mutants = [m for m in mutants if m.id in only]

    if args.list:
        stale = 0
        for m in mutants:
            why = staleness(m, ROOT)
            stale += why is not None
            print(f"{m.id:<34} {'STALE: ' + why if why else 'ok':<12}  {m.path}  -- {m.breaks}")
        print(f"{len(mutants)} mutants, {stale} stale")
        return 2 if stale else 0

    scratch = scratch_dir()
    os.makedirs(scratch, exist_ok=True)
    if os.path.realpath(scratch) == os.path.realpath(ROOT):
        print("the scratch copy must not be the working tree", file=sys.stderr)
        return 2
    seed_build_dir(ROOT, scratch)
    copied, removed = sync_tree(ROOT, scratch)
    logs = os.path.join(scratch, ".build", "mutate-logs")
    shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(logs)
    print(f"scratch copy {scratch} (synced: {copied} copied, {removed} removed); logs in {logs}", flush=True)

    build = ["swift", "build", "--build-tests"]
    # Line-buffered output (stdbuf, inherited by the test process), so that the first failed
    # test case is seen as it happens and the run can stop there.
    test = (["stdbuf", "-oL", "-eL"] if shutil.which("stdbuf") else []) + ["swift", "test", "--skip-build"]
    if args.fast:
        for s in SLOW_SUITES:
            test += ["--skip", s]

    started = time.time()
    if args.prepare:
        ok = run(build, scratch, os.path.join(logs, "prepare.log"), args.build_timeout) == "ok"
        print(f"scratch copy {'built' if ok else 'FAILED to build'} in {time.time() - started:.0f} s")
        return 0 if ok else 1
    base_log = os.path.join(logs, "baseline.log")
    print("baseline: build and test the unmutated copy ...", flush=True)
    for cmd, limit in [(build, args.build_timeout), (test, args.test_timeout)]:
        if run(cmd, scratch, base_log, limit) != "ok":
            print(f"baseline FAILED ({cmd[1]}): the suite must pass before mutants mean anything; see {base_log}")
            return 1
    print(f"baseline ok in {time.time() - started:.0f} s", flush=True)

    results = []
    # SIGTERM (or Ctrl-C) stops the run after restoring the file, and reports what was run.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    interrupted = False
    try:
        run_all(mutants, scratch, logs, build, test, args, results)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: reporting the mutants run so far", flush=True)
    report_partial = interrupted

    if not interrupted:
        # Leave the scratch build matching the unmutated sources for the next run.
        run(build, scratch, os.path.join(logs, "restore.log"), args.build_timeout)
    return summarize(results, mutants, args, started, report_partial)


def run_all(mutants, scratch, logs, build, test, args, results):
    for i, m in enumerate(mutants, 1):
        t0 = time.time()
        why = staleness(m, scratch)
        if why:
            results.append((m, "stale", why))
            print(f"[{i}/{len(mutants)}] {m.id}: STALE ({why})", flush=True)
            continue
        path = os.path.join(scratch, m.path)
        with open(path, encoding="utf-8") as f:
            original = f.read()
        log = os.path.join(logs, m.id + ".log")
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace(m.find, m.replace, 1))
            b = run(build, scratch, log, args.build_timeout)
            if b == "failed":
                outcome, detail = "build-failed", ""
            elif b == "timeout":
                outcome, detail = "timeout", "build"
            else:
                t = run(test, scratch, log, args.test_timeout, stop_at_first_failure=not args.full_runs)
                outcome = {"ok": "survived", "failed": "killed", "timeout": "timeout"}[t]
                detail = ", ".join(failing_tests(log)[:3]) if t == "failed" else ("tests" if t == "timeout" else "")
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        results.append((m, outcome, detail))
        print(f"[{i}/{len(mutants)}] {m.id}: {outcome.upper()} ({time.time() - t0:.0f} s){' by ' + detail if outcome == 'killed' and detail else ''}", flush=True)


def summarize(results, mutants, args, started, partial):
    count = lambda o: sum(1 for _, x, _ in results if x == o)
    killed, bfail, tout, surv, stale = (count(o) for o in ["killed", "build-failed", "timeout", "survived", "stale"])
    ran = len(results) - stale
    score = 100.0 * (killed + bfail + tout) / ran if ran else 0.0
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print()
    if partial:
        print(f"PARTIAL RUN: {len(results)} of {len(mutants)} mutants")
    print(f"Mutation score: {score:.1f} % ({killed + bfail + tout} of {ran} killed: {killed} by tests, "
          f"{bfail} by the compiler, {tout} by timeout; {surv} survived; {stale} stale)")
    print(f"  {when}, {platform.node()} ({os.cpu_count()} cores, {platform.machine()}), "
          f"suite {'without ' + ' and '.join(SLOW_SUITES) if args.fast else 'complete'}, {time.time() - started:.0f} s")
    if surv:
        print("Survivors (the suite passed with this bug planted):")
        for m, o, _ in results:
            if o == "survived":
                print(f"  {m.id}  {m.path}: {m.breaks}")
    if stale:
        print("STALE mutants (error: refresh their text in Tools/mutants.tsv):")
        for m, o, why in results:
            if o == "stale":
                print(f"  {m.id}  (Tools/mutants.tsv:{m.line_no}) {why}")
    if stale:
        return 2
    if partial:
        return 3
    if score < args.min_score:
        print(f"score {score:.1f} % is below --min-score {args.min_score:g} %")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
