# The ABIs rawsys builds for, and how to reach each from this machine. Included by this module's
# Makefile and by the other modules' (samples, rawsys-trace, preload-hook); set ARCHES (a list, "host"
# for this machine's ABI, "all" for every one) and ARCH (one ABI, default this machine's) before or on the command line.

# The ABIs with stubs, and each one's triple.<abi>, qemu.<abi> and asflags.<abi>: from bindgen/arches.txt.
STUBS_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
include $(STUBS_DIR)src/generated/make/arches.mk

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
QEMU   := $(qemu.$(ARCH))
# How to run a program built for ARCH: directly, or under qemu-user with that ABI's libc from Debian's
# cross packages (/usr/<triple>).
RUN    := $(if $(NATIVE),,$(QEMU) -L /usr/$(TRIPLE))

# ARCHES=host stands for the build machine's ABI, ARCHES=all for every ABI with a stub.
EACH := $(patsubst host,$(HOST_ARCH),$(patsubst all,$(ALL_ARCHES),$(ARCHES)))

WARN := -Wall -Wextra -Werror
SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

# The stub's assembler flags: no executable stack, and the ABI's own (bindgen/arches.txt's
# stub-asflags: CET or BTI/PAC landing pads, so loading the stub does not switch those protections
# off for the process).
STUB    := $(STUBS_DIR)src/main/asm/$(ARCH).S
ASFLAGS := -Wa,--noexecstack $(asflags.$(ARCH))

.PHONY: check-toolchain
check-toolchain:
	@command -v $(CC) >/dev/null || { echo "make: $(CC) is missing: install gcc-$(TRIPLE) (Debian), or run .ci/install-deps"; exit 1; }
	@command -v $(firstword $(RUN) true) >/dev/null || { echo "make: $(QEMU) is missing: install qemu-user (Debian), or run .ci/install-deps"; exit 1; }
