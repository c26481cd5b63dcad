package io.rawsys.preload;

/** What a hook tells the program's call to do. */
public final class Decision {
    /** The C side's "run the real function". */
    static final long PROCEED = Long.MIN_VALUE;

    /** The C side's "fail with errno e" is FAIL_BASE + e. */
    static final long FAIL_BASE = Long.MIN_VALUE + 1;

    private static final Decision PROCEED_DECISION = new Decision(Type.PROCEED, 0, null, null);

    enum Type {
        PROCEED,
        FAIL,
        RESULT,
        REWRITE
    }

    private final Type type;
    private final long value;
    private final String path;
    private final String newPath;

    private Decision(Type type, long value, String path, String newPath) {
        this.type = type;
        this.value = value;
        this.path = path;
        this.newPath = newPath;
    }

    /**
     * The call runs as the program made it (or, after {@link Call#proceed()}, keeps that outcome).
     */
    public static Decision proceed() {
        return PROCEED_DECISION;
    }

    /**
     * The call fails with {@code errno}: it returns -1 (NULL for fopen, the number itself for
     * posix_spawn) and errno is set.
     *
     * @throws IllegalArgumentException unless 1 &le; errno &le; 4095
     */
    public static Decision fail(int errno) {
        if (errno < 1 || errno > 4095) {
            throw new IllegalArgumentException(
                    "errno "
                            + errno
                            + " is not an error number; use one from 1 to 4095, e.g. 13 (EACCES)");
        }
        return new Decision(Type.FAIL, errno, null, null);
    }

    /**
     * The call returns {@code value} as is (an address for pointer results), errno unchanged.
     * Long.MIN_VALUE to Long.MIN_VALUE + 4096 are reserved.
     */
    public static Decision result(long value) {
        if (value >= PROCEED && value <= FAIL_BASE + 4095) {
            throw new IllegalArgumentException(
                    value
                            + " is reserved for proceed and fail; return Decision.fail(errno) for an error");
        }
        return new Decision(Type.RESULT, value, null, null);
    }

    /** The call runs with its (first) path replaced by {@code path}. */
    public static Decision withPath(String path) {
        return new Decision(Type.REWRITE, 0, java.util.Objects.requireNonNull(path, "path"), null);
    }

    /**
     * The call runs with both paths replaced (rename-like calls); either may be null to keep the
     * program's.
     */
    public static Decision withPaths(String path, String newPath) {
        return new Decision(Type.REWRITE, 0, path, newPath);
    }

    Type type() {
        return type;
    }

    long value() {
        return value;
    }

    String path() {
        return path;
    }

    String newPath() {
        return newPath;
    }

    /** What the C side receives for this decision on {@code call}. */
    long encode(Call call) {
        return switch (type) {
            case PROCEED -> call.proceeded() ? outcome(call) : PROCEED;
            case FAIL -> FAIL_BASE + value;
            case RESULT -> value;
            case REWRITE -> {
                call.runWithPaths(path, newPath);
                yield outcome(call);
            }
        };
    }

    private static long outcome(Call call) {
        return call.lastErrno() != 0 && call.function().failure().failed(call.result())
                ? FAIL_BASE + call.lastErrno()
                : call.result();
    }

    @Override
    public String toString() {
        return switch (type) {
            case PROCEED -> "proceed";
            case FAIL -> "fail(" + value + ")";
            case RESULT -> "result(" + value + ")";
            case REWRITE -> "withPaths(" + path + ", " + newPath + ")";
        };
    }
}
