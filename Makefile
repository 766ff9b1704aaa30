# make install PREFIX=/opt/keywizard  -> PREFIX/bin/keywizard and PREFIX/share/keywizard/playbooks (with known-keys/, the disclosed-key list)
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
SHAREDIR := $(PREFIX)/share/keywizard

.PHONY: build install uninstall test bench

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
