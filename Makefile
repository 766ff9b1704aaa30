# make install PREFIX=/opt/keywizard  -> PREFIX/bin/keywizard and PREFIX/share/keywizard/playbooks
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
SHAREDIR := $(PREFIX)/share/keywizard

.PHONY: build install uninstall test bench mutate

build:
	swift build -c release --product keywizard

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/playbooks
	install -m 0755 "$$(swift build -c release --show-bin-path)/keywizard" $(DESTDIR)$(BINDIR)/keywizard
	cp -R Playbooks/. $(DESTDIR)$(SHAREDIR)/playbooks/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/keywizard
	rm -rf $(DESTDIR)$(SHAREDIR)

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
