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

clean:
	-$(MAKE) -C kmod clean
	-$(MAKE) -C ctl clean
	rm -rf build

.PHONY: all kmod ctl deps check demo style ynl ynl-check clean fuzz check-debug
