#!/usr/bin/env python3
"""Generate Sources/DiagnosticRules/Windows/Generated/WinErrorTable.swift from winerror.h.

Why: KeyWizard must name every Windows error code an operator pastes, and the only complete,
redistributable list available offline on Linux is mingw-w64's winerror.h (Debian package
mingw-w64-common). The header holds names and values only, no message text.

Usage (from the repository root):
    python3 Tools/gen-winerror.py [path/to/winerror.h] [output.swift]

Defaults: /usr/share/mingw-w64/include/winerror.h and the path above. No dependencies.

What is kept, per `#define NAME VALUE` without parameters:
  * `_HRESULT_TYPEDEF_(0x...)` and `((HRESULT)0x...)`            -> HRESULT (kind H)
  * `__MSABI_LONG(n)` with a decimal n                            -> Win32 code (kind W)
  * `(WSABASEERR + n)`                                           -> Win32 code (kind W)
  * `HRESULT_FROM_WIN32(ERROR_X)` (evaluated with the macro)      -> HRESULT (kind H)
  * a plain number: Win32 if the name starts with ERROR_/WSA/DNS_, else HRESULT
  * `NAME OTHER_NAME` aliases of a name already kept              -> the alias's kind and value
  * `FACILITY_X n`                                               -> facility table (kind F)
Skipped: function-like macros, range markers (*_FIRST, *_LAST, *_BASE), masks, SEVERITY_*,
include guards, and anything the small evaluator above cannot read. Skipped defines are
counted on stderr so that a header update that adds a new shape is noticed.
"""
import os
import re
import subprocess
import sys

HEADER = "/usr/share/mingw-w64/include/winerror.h"
OUTPUT = "Sources/DiagnosticRules/Windows/Generated/WinErrorTable.swift"

DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)(\(?)\s*(.*?)\s*$")
NUM = r"(0[xX][0-9A-Fa-f]+|[0-9]+)[uUlL]*"
PATTERNS = [
    (re.compile(r"^_HRESULT_TYPEDEF_\(\s*" + NUM + r"\s*\)$"), "H"),
    (re.compile(r"^\(\(HRESULT\)\s*" + NUM + r"\s*\)$"), "H"),
    (re.compile(r"^__MSABI_LONG\(\s*([0-9]+)[uUlL]*\s*\)$"), "W"),
]
WSA = re.compile(r"^\(\s*WSABASEERR\s*\+\s*([0-9]+)\s*\)$")
FROM_WIN32 = re.compile(r"^HRESULT_FROM_WIN32\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$")
PLAIN = re.compile(r"^" + NUM + r"$")
ALIAS = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)$")
SKIP_NAME = re.compile(r"(_FIRST|_LAST|_BASE|_MASK)$|^SEVERITY_|^_|^WSABASEERR$")


def to_int(text):
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def hresult_from_win32(x):
    """winerror.h: x itself if x <= 0, else (x & 0xFFFF) | (7 << 16) | 0x80000000."""
    return x if x <= 0 else (x & 0xFFFF) | (7 << 16) | 0x80000000


def parse(lines):
    entries = []          # (kind, value, name) in header order
    known = {}            # name -> (kind, value)
    skipped = 0
    wsabase = None
    for line in lines:
        m = DEFINE.match(line)
        if not m:
            continue
        name, paren, body = m.group(1), m.group(2), m.group(3)
        if paren:
            continue  # function-like macro
        body = re.sub(r"/\*.*?\*/|//.*$", "", body).strip()
        if name == "WSABASEERR":
            wsabase = to_int(body)
            continue
        if name == "FACILITY_NT_BIT":
            continue  # a flag bit (0x10000000), not a facility number
        if name.startswith("FACILITY_"):
            if PLAIN.match(body):
                entries.append(("F", to_int(PLAIN.match(body).group(1)), name[len("FACILITY_"):]))
            continue
        if SKIP_NAME.search(name) or name in known:
            continue
        kind = value = None
        for pattern, k in PATTERNS:
            pm = pattern.match(body)
            if pm:
                kind, value = k, to_int(pm.group(1))
                break
        if kind is None and WSA.match(body) and wsabase is not None:
            kind, value = "W", wsabase + int(WSA.match(body).group(1))
        if kind is None and FROM_WIN32.match(body):
            target = known.get(FROM_WIN32.match(body).group(1))
            if target and target[0] == "W":
                kind, value = "H", hresult_from_win32(target[1])
        if kind is None and PLAIN.match(body):
            value = to_int(PLAIN.match(body).group(1))
            kind = "W" if re.match(r"^(ERROR_|WSA|DNS_)", name) else "H"
        if kind is None and ALIAS.match(body) and body in known:
            kind, value = known[body]
        if kind is None:
            skipped += 1
            continue
        value &= 0xFFFFFFFF
        known[name] = (kind, value)
        entries.append((kind, value, name))
    return entries, skipped


def package_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "mingw-w64-common"], capture_output=True, text=True, check=True)
        return out.stdout.strip().replace("\t", " ")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (dpkg-query failed)"


def main():
    header = sys.argv[1] if len(sys.argv) > 1 else HEADER
    output = sys.argv[2] if len(sys.argv) > 2 else OUTPUT
    with open(header, encoding="latin-1") as f:
        entries, skipped = parse(f.read().splitlines())
    order = {"F": 0, "H": 1, "W": 2}
    # Stable sort: names of one value keep header order, so the usual name comes first.
    entries = sorted(entries, key=lambda e: (order[e[0]], e[1]))
    rows = "\n".join("%s %08X %s" % e for e in entries)
    counts = {k: sum(1 for e in entries if e[0] == k) for k in order}
    swift = f'''// GENERATED FILE: do not edit. Regenerate with `python3 Tools/gen-winerror.py`.
// Source: {header} from Debian package `{package_version()}` (dpkg-query -W mingw-w64-common).
// Rows: {counts["F"]} facilities, {counts["H"]} HRESULT names, {counts["W"]} Win32 names.

/// The winerror.h name table as one string literal, parsed once on first use by
/// `WinErrorTable`: a literal this size compiles in milliseconds, an array literal of
/// thousands of tuples would not. One row per name: `KIND HEX8 NAME`, where KIND is
/// F (facility number), H (HRESULT) or W (Win32 error code).
let winErrorTableText = """
{rows}
"""
'''
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write(swift)
    print(f"wrote {output}: {counts}; skipped {skipped} unreadable defines", file=sys.stderr)


if __name__ == "__main__":
    main()
