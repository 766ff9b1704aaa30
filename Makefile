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
ARCH := $(shell uname -m)

.PHONY: build install uninstall test bench dist dist-tree mutate

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
# the C libraries every Debian/Ubuntu host has (libc, libm, ncursesw, libstdc++).
dist:
	swift build -c release --product keywizard --static-swift-stdlib --scratch-path $(DISTSCRATCH)
	@set -e; bin="$$(swift build -c release --static-swift-stdlib --scratch-path $(DISTSCRATCH) --show-bin-path)/keywizard"; \
	version="$$("$$bin" --version | cut -d' ' -f2)"; name="keywizard-$$version-linux-$(ARCH)"; \
	rm -rf "dist/$$name" "dist/$$name.tar.gz"; \
	$(MAKE) --no-print-directory dist-tree TREE="dist/$$name" BIN="$$bin"; \
	strip "dist/$$name/bin/keywizard"; \
	cp README.md "dist/$$name/"; \
	tar -C dist -czf "dist/$$name.tar.gz" "$$name"; \
	echo "dist/$$name.tar.gz"

dist-tree:
	$(call install_tree,$(TREE),$(BIN))

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
