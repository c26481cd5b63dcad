# The ABIs rawsys builds for, and how to reach each from this machine. Included by this module's
# Makefile and by samples/Makefile; set ARCHES (a list, "host" for this machine's ABI) and ARCH (one
# ABI, default this machine's) before or on the command line.

ALL_ARCHES := x86_64 i386 aarch64 arm riscv64 ppc64le s390x mips64el mipsel

triple.x86_64   := x86_64-linux-gnu
triple.i386     := i686-linux-gnu
triple.aarch64  := aarch64-linux-gnu
triple.arm      := arm-linux-gnueabihf
triple.riscv64  := riscv64-linux-gnu
triple.ppc64le  := powerpc64le-linux-gnu
triple.s390x    := s390x-linux-gnu
triple.mips64el := mips64el-linux-gnuabi64
triple.mipsel   := mipsel-linux-gnu

# The build machine's ABI is the one whose triple its own cc reports (uname -m cannot tell armhf from
# armel, or a MIPS's endianness).
HOST_TRIPLE := $(shell cc -dumpmachine 2>/dev/null)
HOST_ARCH   := $(firstword $(foreach a,$(ALL_ARCHES),$(if $(filter $(triple.$(a)),$(HOST_TRIPLE)),$(a))))

ARCH   ?= $(or $(HOST_ARCH),x86_64)
TRIPLE := $(triple.$(ARCH))
ifeq ($(TRIPLE),)
$(error unknown ARCH=$(ARCH); rawsys builds for: $(ALL_ARCHES))
endif
NATIVE := $(filter $(ARCH),$(HOST_ARCH))
CC     := $(TRIPLE)-gcc
QEMU   := qemu-$(ARCH)
# How to run a program built for ARCH: directly, or under qemu-user with that ABI's libc from Debian's
# cross packages (/usr/<triple>).
RUN    := $(if $(NATIVE),,$(QEMU) -L /usr/$(TRIPLE))

# ARCHES=host stands for the build machine's ABI.
EACH := $(patsubst host,$(HOST_ARCH),$(ARCHES))

WARN := -Wall -Wextra -Werror
SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

# The stub's assembler flags: no executable stack; CET (x86_64) and BTI/PAC (aarch64) landing pads so
# the library does not switch those protections off for the process that loads it.
STUB    := $(dir $(lastword $(MAKEFILE_LIST)))src/main/asm/$(ARCH).S
ASFLAGS := -Wa,--noexecstack
ifeq ($(ARCH),x86_64)
ASFLAGS += -fcf-protection=full
endif
ifeq ($(ARCH),aarch64)
ASFLAGS += -mbranch-protection=standard
endif

.PHONY: check-toolchain
check-toolchain:
	@command -v $(CC) >/dev/null || { echo "make: $(CC) is missing: install gcc-$(TRIPLE) (Debian), or run .ci/install-deps"; exit 1; }
	@command -v $(firstword $(RUN) true) >/dev/null || { echo "make: $(QEMU) is missing: install qemu-user (Debian), or run .ci/install-deps"; exit 1; }
