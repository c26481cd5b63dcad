# shellcheck shell=bash
# Sourced by ./build, ./rawsys and .ci scripts: finds a JDK >= 25 and exports JAVA_HOME, or prints one
# message saying what to install or set, and exits 1. rawsys uses the FFM API (final in 22) and Java 25
# language features, so an older JDK cannot build or run it.

RAWSYS_MIN_JAVA=25

# Prints the feature release (e.g. 25) of the JDK at $1, or nothing if $1 is not a JDK.
rawsys_jdk_feature() {
    local home=$1 version
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
            sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    fi
    printf '%s' "$version"
}

rawsys_find_jdk() {
    local candidate feature best="" best_feature=0 tried=""
    # 1. JAVA_HOME wins when it is new enough; when it is older (it often points at the system's default
    #    JDK for other work) the search goes on, and the error message names it if nothing is found.
    if [ -n "${JAVA_HOME:-}" ]; then
        feature=$(rawsys_jdk_feature "$JAVA_HOME")
        if [ -n "$feature" ] && [ "$feature" -ge "$RAWSYS_MIN_JAVA" ]; then
            export JAVA_HOME
            return 0
        fi
        tried="JAVA_HOME=$JAVA_HOME is ${feature:-not a JDK}; "
    fi
    # 2. The java on PATH, then the places JDKs are usually installed (or only the directories listed in
    #    RAWSYS_JDK_SEARCH, for JDKs kept elsewhere); the newest >= 25 wins.
    local on_path places
    on_path=$(command -v javac 2>/dev/null) && on_path=$(dirname "$(dirname "$(readlink -f "$on_path")")")
    places="/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*/jdk* $HOME/.sdkman/candidates/java/* $HOME/.jdks/*"
    # shellcheck disable=SC2086 # the globs are meant to expand
    for candidate in $on_path ${RAWSYS_JDK_SEARCH:-$places}; do
        [ -d "$candidate" ] || continue
        feature=$(rawsys_jdk_feature "$candidate")
        [ -n "$feature" ] || continue
        if [ "$feature" -ge "$RAWSYS_MIN_JAVA" ] && [ "$feature" -gt "$best_feature" ]; then
            best=$candidate best_feature=$feature
        fi
    done
    if [ -n "$best" ]; then
        JAVA_HOME=$(readlink -f "$best")
        export JAVA_HOME
        return 0
    fi
    echo "rawsys needs JDK $RAWSYS_MIN_JAVA or newer and found none (${tried}searched PATH and ${RAWSYS_JDK_SEARCH:-/usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks})." >&2
    echo "Install one (Debian/Ubuntu: apt-get install temurin-25-jdk from packages.adoptium.net, or unpack a JDK 25 from https://adoptium.net) and set JAVA_HOME to it." >&2
    exit 1
}
