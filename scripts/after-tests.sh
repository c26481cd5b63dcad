# shellcheck shell=bash
# Sourced by ./build: what closes a run of the tests.
#   - the tests that were skipped, and why, gathered from every module's target/skipped-tests (written by
#     test-support's SkipReport listener), grouped by reason;
#   - the clock guard: CLOCK_REALTIME against CLOCK_BOOTTIME, and the kernel's timezone, before and after the
#     run (test-support's ClockState, run as a source file). Each test class is guarded on its own as well
#     (ClockGuard); this catches what runs outside JUnit too (the C harnesses, make's checks).

rawsys_clock_state_source=test-support/src/main/java/io/rawsys/testing/ClockState.java

# Whether a Maven command line runs tests: it names a phase from test on, and does not skip them.
rawsys_runs_tests() {
    local arg runs=1
    for arg in "$@"; do
        case "$arg" in
        -DskipTests | -DskipTests=true | -Dmaven.test.skip | -Dmaven.test.skip=true) return 1 ;;
        test | integration-test | verify | install | deploy | *:test | *:integration-test) runs=0 ;;
        esac
    done
    return $runs
}

rawsys_clock_state() {
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "$rawsys_clock_state_source" "$@"
}

rawsys_before_tests() {
    rm -rf ./*/target/skipped-tests
    rawsys_clock_before=$(rawsys_clock_state)
}

rawsys_after_tests() {
    local status=0 reports
    reports=$(find . -path '*/target/skipped-tests/*.txt' -type f 2>/dev/null | sort)
    if [ -n "$reports" ]; then
        # shellcheck disable=SC2086 # one path per line, none with spaces
        awk -F '\t' '
            { count[$2]++; if (count[$2] <= 3) tests[$2] = tests[$2] "\n      " $1; total++ }
            END {
                printf "\nrawsys: %d test%s skipped on this machine:\n", total, total == 1 ? "" : "s"
                for (reason in count) {
                    more = count[reason] > 3 ? sprintf("\n      … and %d more", count[reason] - 3) : ""
                    printf "  %d × %s%s%s\n", count[reason], reason, tests[reason], more
                }
            }' $reports
    else
        echo
        echo "rawsys: no test was skipped on this machine."
    fi
    if ! rawsys_clock_state "$rawsys_clock_before"; then
        status=1
    else
        echo "rawsys: the clock guard found CLOCK_REALTIME and the kernel's timezone as they were before the tests."
    fi
    return $status
}
