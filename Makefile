# redund: build the module and the controller, test them, show the demo.
#   make              build kmod/redund.ko (KDIR/KVER as in kmod/Makefile)
#                     and ctl/redundctl, ctl/redundd
#   make check        unit tests (also under ASan and UBSan) + selftests in a
#                     guest on 6.1 and 6.12
#   make fuzz         the libFuzzer targets, FUZZ_SECONDS (60) each
#   make check-debug  every selftest on a KASAN/lockdep/kmemleak kernel
#   make demo         the failover demo in a guest
#   make style        checkpatch --strict on kmod/, clang-format on ctl/
#   make ynl          regenerate what follows from the netlink spec
#                     (Documentation/netlink/specs/redund.yaml)
#   make ynl-check    fail if a generated file is stale (part of make check)
#   make deps         install what building and testing need (apt)
#   make install      binaries, man pages, unit, example (DESTDIR, PREFIX)

all: kmod ctl

kmod:
	$(MAKE) -C kmod

ctl:
	$(MAKE) -C ctl

deps:
	scripts/install-deps

check: deps
	scripts/check

demo: deps
	scripts/demo

fuzz: deps
	$(MAKE) -C ctl fuzz

check-debug: deps
	scripts/check-debug

style:
	scripts/checkpatch
	$(MAKE) -C ctl format-check

ynl:
	scripts/ynl-gen

ynl-check:
	scripts/ynl-gen --check

# Installs what `make ctl` built; never builds, and never touches an
# existing redund.conf (only the example goes to SYSCONFDIR).
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system

install:
	@for bin in ctl/redundctl ctl/redundd; do \
		if [ ! -x $$bin ]; then \
			echo "make install: $$bin is missing; run make ctl first" >&2; \
			exit 1; \
		fi; \
	done
	install -D -m 0755 ctl/redundctl $(DESTDIR)$(SBINDIR)/redundctl
	install -D -m 0755 ctl/redundd $(DESTDIR)$(SBINDIR)/redundd
	install -D -m 0644 Documentation/redundctl.8 $(DESTDIR)$(MANDIR)/man8/redundctl.8
	install -D -m 0644 Documentation/redundd.8 $(DESTDIR)$(MANDIR)/man8/redundd.8
	install -D -m 0644 Documentation/redund.conf.5 $(DESTDIR)$(MANDIR)/man5/redund.conf.5
	mkdir -p build
	sed -e 's|/usr/sbin/|$(SBINDIR)/|g' -e 's|/etc/redund/|$(SYSCONFDIR)/redund/|g' \
		systemd/redundd.service > build/redundd.service
	install -D -m 0644 build/redundd.service $(DESTDIR)$(UNITDIR)/redundd.service
	install -D -m 0644 etc/redund.conf.example \
		$(DESTDIR)$(SYSCONFDIR)/redund/redund.conf.example

clean:
	-$(MAKE) -C kmod clean
	-$(MAKE) -C ctl clean
	rm -rf build

.PHONY: all kmod ctl deps check demo style ynl ynl-check clean fuzz check-debug install
