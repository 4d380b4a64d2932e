# redund: build the module and the controller, test them, show the demo.
#   make              build kmod/redund.ko (KDIR/KVER as in kmod/Makefile)
#                     and ctl/redundctl, ctl/redundd
#   make check        unit tests (also under ASan and UBSan) + selftests in a
#                     guest on 6.1 and 6.12
#   make fuzz         the libFuzzer targets, FUZZ_SECONDS (60) each
#   make check-debug  every selftest on a KASAN/lockdep/kmemleak kernel
#   make demo         the failover demo in a guest
#   make style        checkpatch --strict on kmod/, clang-format on ctl/
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

clean:
	-$(MAKE) -C kmod clean
	-$(MAKE) -C ctl clean
	rm -rf build

.PHONY: all kmod ctl deps check demo style clean fuzz check-debug
