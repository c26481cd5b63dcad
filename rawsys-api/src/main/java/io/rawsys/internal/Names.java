package io.rawsys.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a misspelt one, for "did you mean" hints in error messages. */
public final class Names {
    private Names() {}

    /**
     * The candidates nearest to {@code wanted} by edit distance, best first, at most {@code limit}
     * of them, and none so far away that the suggestion would be noise (more than a third of the
     * name's length).
     */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        int tolerance = Math.max(1, wanted.length() / 3);
        List<Scored> near =
                candidates.stream()
                        .map(
                                c ->
                                        new Scored(
                                                c,
                                                distance(
                                                        wanted.toLowerCase(Locale.ROOT),
                                                        c.toLowerCase(Locale.ROOT))))
                        .filter(s -> s.distance <= tolerance)
                        .toList();
        int best = near.stream().mapToInt(Scored::distance).min().orElse(0);
        return near.stream()
                .filter(s -> s.distance == best)
                .map(Scored::name)
                .sorted(Comparator.naturalOrder())
                .limit(limit)
                .toList();
    }

    /**
     * A " (did you mean X or Y?)" suffix for an error message, or nothing when no name is close.
     */
    public static String didYouMean(String wanted, Collection<String> candidates) {
        List<String> near = closest(wanted, candidates, 3);
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    private record Scored(String name, int distance) {}

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
