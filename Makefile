# make install PREFIX=/opt/keywizard  -> PREFIX/bin/keywizard, PREFIX/share/keywizard/playbooks (with
#                                        known-keys/, the disclosed-key list),
#                                        the man page and bash/zsh/fish completions
# make dist                           -> dist/keywizard-VERSION-linux-ARCH.tar.gz: one binary with
#                                        the Swift runtime linked in, for a jump host without Swift
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
SHAREDIR := $(PREFIX)/share/keywizard
MANDIR := $(PREFIX)/share/man/man1
BASHDIR := $(PREFIX)/share/bash-completion/completions
ZSHDIR := $(PREFIX)/share/zsh/site-functions
FISHDIR := $(PREFIX)/share/fish/vendor_completions.d
DISTSCRATCH := .build-dist
# The jump-host binary: static Swift runtime and Foundation; linked by lld so that
# - the code the start-up runs (Tools/startup.order, from `make startup-order`) lies together:
#   the kernel maps a binary's pages in large runs, and scattered start-up code made 11 MB of a
#   20 MB text resident before the first screen. The order moves whole sections, so every
#   function gets its own (-function-sections, -ffunction-sections); without them a Swift
#   file's functions shared one section and the ordered code still spread over 6.7 MB;
# - it stays position-independent (ASLR). Packed relocations (-z pack-relative-relocs) would
#   save reading 2 MB of relocation records at each start, but lld did not mark the binary as
#   needing glibc 2.36, so an older jump host (Ubuntu 22.04: 2.35) would run it unrelocated;
# - no symbol is exported (--no-export-dynamic): nothing loads into keywizard and looks
#   symbols up in it, and every shared-library symbol lookup searched 14,000 of them first.
DISTFLAGS := --static-swift-stdlib -Xswiftc -use-ld=lld \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
  -Xlinker --no-export-dynamic \
  -Xlinker --symbol-ordering-file=$(CURDIR)/Tools/startup.order -Xlinker --no-warn-symbol-ordering
ARCH := $(shell uname -m)

.PHONY: build install uninstall test bench dist dist-tree mutate startup-order

build:
	swift build -c release --product keywizard

# Installs the given binary (BIN) with everything it needs beside it.
define install_tree
	install -d $(1)/bin $(1)/share/keywizard/playbooks $(1)/share/man/man1 \
	  $(1)/share/bash-completion/completions $(1)/share/zsh/site-functions $(1)/share/fish/vendor_completions.d
	install -m 0755 "$(2)" $(1)/bin/keywizard
	cp -R Playbooks/. $(1)/share/keywizard/playbooks/
	"$(2)" --generate-completion-script bash > $(1)/share/bash-completion/completions/keywizard
	"$(2)" --generate-completion-script zsh > $(1)/share/zsh/site-functions/_keywizard
	"$(2)" --generate-completion-script fish > $(1)/share/fish/vendor_completions.d/keywizard.fish
	python3 Tools/gen-manpage.py "$(2)" > $(1)/share/man/man1/keywizard.1
endef

install: build
	$(call install_tree,$(DESTDIR)$(PREFIX),$$(swift build -c release --show-bin-path)/keywizard)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/keywizard $(DESTDIR)$(MANDIR)/keywizard.1 $(DESTDIR)$(BASHDIR)/keywizard \
	  $(DESTDIR)$(ZSHDIR)/_keywizard $(DESTDIR)$(FISHDIR)/keywizard.fish
	rm -rf $(DESTDIR)$(SHAREDIR)

# Static Swift standard library and Foundation (--static-swift-stdlib): the binary needs only
# the C libraries every Debian/Ubuntu host has (libc, libm, ncursesw, libstdc++); libhivex,
# libevtx and libevt are loaded only to read a hive or event log (Sources/CArtifactLibraries).
dist:
	@# Relinked every time: the linker reads Tools/startup.order, which SwiftPM does not track.
	rm -f "$$(swift build -c release $(DISTFLAGS) --scratch-path $(DISTSCRATCH) --show-bin-path)/keywizard"
	swift build -c release --product keywizard $(DISTFLAGS) --scratch-path $(DISTSCRATCH)
	@set -e; bin="$$(swift build -c release $(DISTFLAGS) --scratch-path $(DISTSCRATCH) --show-bin-path)/keywizard"; \
	version="$$("$$bin" --version | cut -d' ' -f2)"; name="keywizard-$$version-linux-$(ARCH)"; \
	rm -rf "dist/$$name" "dist/$$name.tar.gz"; \
	$(MAKE) --no-print-directory dist-tree TREE="dist/$$name" BIN="$$bin"; \
	strip "dist/$$name/bin/keywizard"; \
	cp README.md "dist/$$name/"; \
	tar -C dist -czf "dist/$$name.tar.gz" "$$name"; \
	echo "dist/$$name.tar.gz"

dist-tree:
	$(call install_tree,$(TREE),$(BIN))

# Rewrites Tools/startup.order: the functions the dist binary runs from exec to the drawn
# menu, recorded with valgrind (callgrind) on an 80x24 tmux pane. Run after changes to what
# the start-up does, then `make dist` again; a stale list only costs memory, never correctness.
startup-order:
	bash Tools/startup-order.sh "$$(swift build -c release $(DISTFLAGS) --scratch-path $(DISTSCRATCH) --show-bin-path)/keywizard" > Tools/startup.order.new
	mv Tools/startup.order.new Tools/startup.order

test:
	swift test

bench:
	swift run -c release keywizard-bench

# Mutation testing (Tools/mutate.py, mutants in Tools/mutants.tsv), in a scratch copy of the
# tree at low priority. MUTATE_ARGS="--fast" skips the tmux/ssh end-to-end suites;
# MUTATE_ARGS="--only ID" runs one mutant; `python3 Tools/mutate.py --list` lists them.
MUTATE_ARGS ?=
MIN_SCORE ?= 90
mutate:
	nice -n 19 python3 Tools/mutate.py --min-score $(MIN_SCORE) $(MUTATE_ARGS)
