#!/usr/bin/env python3
"""Writes keywizard(1) in man(7) format from the argument parser's own description of the
command line (`keywizard --experimental-dump-help`), so the page never drifts from --help.

Usage: Tools/gen-manpage.py PATH-TO-KEYWIZARD > keywizard.1
"""
import json
import subprocess
import sys


def esc(text):
    """Escape text for roff: backslashes, and a leading dot or quote on a line."""
    text = (text or "").replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag(arg):
    names = arg.get("names") or []
    parts = []
    for n in names:
        parts.append(("--" if n["kind"] == "long" else "-") + n["name"])
    if arg["kind"] == "positional":
        return "\\fI" + esc(arg.get("valueName", "value")) + "\\fR" + (" ..." if arg.get("isRepeating") else "")
    text = ", ".join("\\fB" + esc(p) + "\\fR" for p in parts)
    if arg["kind"] == "option":
        text += " \\fI" + esc(arg.get("valueName", "value")) + "\\fR"
    return text


def command_section(cmd, path):
    out = []
    title = " ".join(path)
    out.append(".SS " + esc(title))
    if cmd.get("abstract"):
        out.append(esc(cmd["abstract"]))
    if cmd.get("discussion"):
        out.append(".PP")
        out.append(esc(cmd["discussion"]))
    for arg in cmd.get("arguments") or []:
        if not arg.get("shouldDisplay", True):
            continue
        out.append(".TP")
        out.append(flag(arg))
        out.append(esc(arg.get("abstract", "")) or ".")
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen-manpage.py PATH-TO-KEYWIZARD")
    binary = sys.argv[1]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True,
                             text=True).stdout.strip()
    root = dump["command"]
    out = [
        '.TH KEYWIZARD 1 "" "%s" "User Commands"' % esc(version),
        ".SH NAME",
        "keywizard \\- " + esc(root.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B keywizard",
        "[\\fIcommand\\fR] [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        "Walks an IIS / ASP.NET operator, usually over SSH, from a symptom to a diagnosis and "
        "a recovery checklist when machine keys break. With no command it starts the "
        "interactive wizard (\\fBkeywizard run\\fR).",
        ".SH COMMANDS",
    ]
    for sub in root.get("subcommands") or []:
        if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
            continue
        out += command_section(sub, ["keywizard", sub["commandName"]])
        for inner in sub.get("subcommands") or []:
            out += command_section(inner, ["keywizard", sub["commandName"], inner["commandName"]])
    out += [
        ".SH ENVIRONMENT",
        ".TP", "\\fBKEYWIZARD_PLAYBOOKS\\fR", "Playbook folder, when \\fB--playbooks\\fR is not given.",
        ".TP", "\\fBXDG_STATE_HOME\\fR", "Sessions are kept in \\fI$XDG_STATE_HOME/keywizard/sessions\\fR "
        "(default \\fI~/.local/state/keywizard/sessions\\fR).",
        ".TP", "\\fBNO_COLOR\\fR", "Any non-empty value: monochrome screens.",
        ".SH EXIT STATUS",
        "0 on success or a diagnosis; 1 on bad input; 2 when evidence is not enough yet; "
        "3 when a replayed verdict changed; 4 when replayed sessions are unfinished.",
        ".SH FILES",
        "\\fI../share/keywizard/playbooks\\fR next to the binary: the built-in playbooks.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
