#!/usr/bin/env bash
# Prints the symbols keywizard runs from exec until its menu is drawn, one a line, for lld's
# --symbol-ordering-file (see DISTFLAGS in the Makefile). Needs valgrind and tmux.
# Usage: Tools/startup-order.sh BINARY > Tools/startup.order
set -euo pipefail
bin=${1:?usage: startup-order.sh BINARY}
work=$(mktemp -d)
trap 'tmux -L keywizard-order kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
# valgrind cannot read the debug info of a static Swift binary; it needs only the symbols.
cp "$bin" "$work/keywizard"
strip --strip-debug "$work/keywizard"
playbooks=$(cd "$(dirname "$0")/../Playbooks" && pwd)
XDG_STATE_HOME="$work/state" tmux -L keywizard-order new-session -d -x 80 -y 24 \
  "valgrind --tool=callgrind --callgrind-out-file=$work/cg.out --dump-instr=no --compress-strings=no \
   --compress-pos=no $work/keywizard run --playbooks $playbooks 2>$work/valgrind.log"
for _ in $(seq 120); do
  sleep 1
  tmux -L keywizard-order capture-pane -p | grep -q "What is the symptom" && break
done
tmux -L keywizard-order send-keys q
sleep 1
tmux -L keywizard-order send-keys y
for _ in $(seq 60); do [ -s "$work/cg.out" ] && ! pgrep -f "callgrind-out-file=$work" >/dev/null && break; sleep 1; done
# callgrind names recursive instances NAME'2; the linker wants NAME.
grep '^fn=' "$work/cg.out" | sed -e 's/^fn=([0-9]*) *//' -e 's/^fn=//' -e "s/'[0-9]*\$//" | awk '!seen[$0]++'
