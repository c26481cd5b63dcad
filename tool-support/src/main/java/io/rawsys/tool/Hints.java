package io.rawsys.tool;

import java.util.List;

/** The wording of the command line's error messages. */
public final class Hints {
    private Hints() {}

    /** {@code "; did you mean a or b?"}, or nothing when there is no near name. */
    public static String didYouMean(List<String> near) {
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }
}
