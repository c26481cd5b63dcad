package io.rawsys.bindgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declarations the generator needs from preprocessed C: enumerator names, and the members of
 * structs and unions. It reads names and shapes only (which member is an array, a pointer, a nested
 * aggregate); every number (sizes, offsets, array lengths, enumerator values) is left to the target
 * compiler.
 *
 * <p>It understands what system headers use for these declarations: tagged and typedef'd structs
 * and unions, inline and anonymous members, arrays (flexible ones too), pointers, function
 * pointers, unnamed bit-field padding, {@code __attribute__} and {@code __extension__}. It skips
 * everything else.
 */
final class CDeclarations {
    /** A struct or union: its tag (or null) and members in declaration order. */
    record Aggregate(boolean union, String tag, List<Member> members) {}

    /**
     * One member. {@code type} is the aggregate it holds, or null for a scalar or pointer; {@code
     * anonymous} members (an unnamed struct or union inside another) have no name, and their
     * members are reached directly. A named bit-field is recorded only so that it can be left out:
     * its bits stay padding in a layout.
     */
    record Member(
            String name,
            Aggregate type,
            boolean pointer,
            int arrayDimensions,
            boolean flexible,
            boolean anonymous,
            boolean bitField) {
        boolean array() {
            return arrayDimensions > 0;
        }
    }

    private static final Set<String> SKIPPED_WORDS =
            Set.of("__extension__", "const", "volatile", "__restrict", "restrict", "__const");

    private final List<String> tokens;
    private final Map<String, Aggregate> tagged = new LinkedHashMap<>();
    private final Map<String, Aggregate> typedefs = new LinkedHashMap<>();
    private final List<String> enumerators = new ArrayList<>();
    private int pos;

    private CDeclarations(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Reads every declaration of {@code preprocessed} (the output of {@code cc -E -P}). */
    static CDeclarations read(String preprocessed) {
        CDeclarations d = new CDeclarations(tokenize(preprocessed));
        d.readAll();
        return d;
    }

    /** Every enumerator declared, in order. */
    List<String> enumerators() {
        return enumerators;
    }

    /**
     * The aggregate a C type names: {@code struct stat}, {@code union sigval}, or a typedef name
     * such as {@code siginfo_t}; null if the headers define no such aggregate.
     */
    Aggregate aggregate(String cType) {
        String[] words = cType.strip().split("\\s+");
        if (words.length == 2 && (words[0].equals("struct") || words[0].equals("union"))) {
            return tagged.get(words[0] + " " + words[1]);
        }
        return words.length == 1 ? typedefs.get(words[0]) : null;
    }

    // ----- reading -----

    private void readAll() {
        while (pos < tokens.size()) {
            String t = tokens.get(pos);
            switch (t) {
                case "typedef" -> readTypedef();
                case "struct", "union" -> {
                    Aggregate a = readAggregateSpecifier();
                    if (a == null) {
                        pos++;
                    }
                }
                case "enum" -> readEnum();
                default -> pos++;
            }
        }
    }

    private void readTypedef() {
        pos++; // typedef
        skipNoise();
        Aggregate aggregate = null;
        if (pos < tokens.size() && (peek("struct") || peek("union"))) {
            boolean union = peek("union");
            int start = pos;
            aggregate = readAggregateSpecifier();
            if (aggregate == null) { // typedef struct tag name;
                pos = start + 1;
                skipNoise();
                aggregate = tagged.get((union ? "union " : "struct ") + tokens.get(pos));
                pos++;
            }
        } else if (peek("enum")) {
            readEnum();
        }
        // Declarators up to ';': a plain name makes the typedef an alias of the aggregate.
        int depth = 0;
        boolean pointer = false;
        while (pos < tokens.size()) {
            String t = tokens.get(pos++);
            if (t.equals("(") || t.equals("[")) {
                depth++;
            } else if (t.equals(")") || t.equals("]")) {
                depth--;
            } else if (t.equals("*")) {
                pointer = true;
            } else if (t.equals(";") && depth == 0) {
                return;
            } else if (t.equals(",")) {
                pointer = false;
            } else if (depth == 0
                    && isIdentifier(t)
                    && aggregate != null
                    && !pointer
                    && !t.startsWith("__attribute")) {
                typedefs.put(t, aggregate);
            } else if (t.equals("__attribute__")) {
                skipParenthesized();
            }
        }
    }

    /**
     * At {@code struct}/{@code union}: reads a definition with a body and returns it, or null (and
     * moves nothing).
     */
    private Aggregate readAggregateSpecifier() {
        int start = pos;
        boolean union = tokens.get(pos).equals("union");
        pos++;
        skipNoise();
        String tag = null;
        if (pos < tokens.size() && isIdentifier(tokens.get(pos))) {
            tag = tokens.get(pos++);
            skipNoise();
        }
        if (pos >= tokens.size() || !tokens.get(pos).equals("{")) {
            pos = start;
            return null;
        }
        pos++; // {
        List<Member> members = new ArrayList<>();
        while (pos < tokens.size() && !tokens.get(pos).equals("}")) {
            readMemberDeclaration(members);
        }
        pos++; // }
        Aggregate aggregate = new Aggregate(union, tag, List.copyOf(members));
        if (tag != null) {
            tagged.put((union ? "union " : "struct ") + tag, aggregate);
        }
        skipNoise();
        return aggregate;
    }

    private void readMemberDeclaration(List<Member> members) {
        skipNoise();
        Aggregate inline = null;
        Aggregate referenced = null;
        if (peek("struct") || peek("union")) {
            boolean union = peek("union");
            inline = readAggregateSpecifier();
            if (inline == null) {
                pos++;
                skipNoise();
                referenced = tagged.get((union ? "union " : "struct ") + tokens.get(pos));
                pos++;
            }
        } else if (peek("enum")) {
            readEnum();
        }
        // The rest up to ';' is the type's remaining words and the declarators.
        List<List<String>> declarators = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int depth = 0;
        while (pos < tokens.size()) {
            String t = tokens.get(pos++);
            if (t.equals("__attribute__") || t.equals("__asm__")) {
                skipParenthesized();
                continue;
            }
            if (t.equals("(") || t.equals("[")) {
                depth++;
            } else if (t.equals(")") || t.equals("]")) {
                depth--;
            }
            if (depth == 0 && (t.equals(";") || t.equals(","))) {
                declarators.add(current);
                current = new ArrayList<>();
                if (t.equals(";")) {
                    break;
                }
                continue;
            }
            current.add(t);
        }
        Aggregate type = inline != null ? inline : referenced;
        if (type == null && declarators.size() == 1 && !declarators.getFirst().isEmpty()) {
            type = typedefs.get(typeName(declarators.getFirst()));
        }
        boolean first = true;
        for (List<String> declarator : declarators) {
            Member m = member(declarator, type, first && inline == null && referenced == null);
            first = false;
            if (m != null) {
                members.add(m);
            } else if (inline != null && declarator.isEmpty()) {
                members.add(new Member(null, inline, false, 0, false, true, false));
            }
        }
    }

    /** The typedef name among a declarator's leading words (the word before the declared name). */
    private static String typeName(List<String> words) {
        List<String> names =
                words.stream()
                        .filter(CDeclarations::isIdentifier)
                        .filter(w -> !SKIPPED_WORDS.contains(w))
                        .toList();
        return names.size() >= 2 ? names.get(names.size() - 2) : null;
    }

    /**
     * One declarator's member, or null for unnamed bit-field padding and bare aggregate
     * definitions.
     */
    private static Member member(List<String> words, Aggregate type, boolean typeWordsIncluded) {
        if (words.contains(":")) {
            int colon = words.indexOf(":");
            List<String> before = words.subList(0, colon);
            String name = lastIdentifier(before);
            if (name == null
                    || (typeWordsIncluded
                            && before.stream().filter(CDeclarations::isIdentifier).count() < 2)) {
                return null; // int : 32;
            }
            return new Member(name, null, false, 0, false, false, true);
        }
        int paren = words.indexOf("(");
        if (paren >= 0 && paren + 1 < words.size() && words.get(paren + 1).equals("*")) {
            // function pointer: type (*name)(params)
            return new Member(words.get(paren + 2), null, true, 0, false, false, false);
        }
        int bracket = words.indexOf("[");
        List<String> head = bracket < 0 ? words : words.subList(0, bracket);
        String name = lastIdentifier(head);
        if (name == null) {
            return null;
        }
        boolean pointer = head.contains("*");
        int dimensions = 0;
        boolean flexible = false;
        for (int i = bracket < 0 ? words.size() : bracket; i < words.size(); i++) {
            if (words.get(i).equals("[")) {
                dimensions++;
                if (i + 1 < words.size() && words.get(i + 1).equals("]")) {
                    flexible = true;
                }
            }
        }
        return new Member(name, pointer ? null : type, pointer, dimensions, flexible, false, false);
    }

    private static String lastIdentifier(List<String> words) {
        for (int i = words.size() - 1; i >= 0; i--) {
            String w = words.get(i);
            if (isIdentifier(w) && !SKIPPED_WORDS.contains(w)) {
                return w;
            }
        }
        return null;
    }

    private void readEnum() {
        pos++; // enum
        skipNoise();
        if (pos < tokens.size() && isIdentifier(tokens.get(pos))) {
            pos++;
            skipNoise();
        }
        if (pos >= tokens.size() || !tokens.get(pos).equals("{")) {
            return;
        }
        pos++;
        boolean expectName = true;
        int depth = 0;
        while (pos < tokens.size()) {
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (t.equals("}") && depth == 0) {
                return;
            } else if (t.equals(",") && depth == 0) {
                expectName = true;
            } else if (expectName && isIdentifier(t)) {
                enumerators.add(t);
                expectName = false;
            } else if (t.equals("__attribute__")) {
                skipParenthesized();
            }
        }
    }

    private void skipNoise() {
        while (pos < tokens.size()) {
            String t = tokens.get(pos);
            if (t.equals("__attribute__") || t.equals("__aligned__")) {
                pos++;
                skipParenthesized();
            } else if (SKIPPED_WORDS.contains(t)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipParenthesized() {
        if (pos >= tokens.size() || !tokens.get(pos).equals("(")) {
            return;
        }
        int depth = 0;
        do {
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            }
        } while (depth > 0 && pos < tokens.size());
    }

    private boolean peek(String word) {
        return pos < tokens.size() && tokens.get(pos).equals(word);
    }

    static boolean isIdentifier(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    /** Splits preprocessed C into identifiers, numbers, literals and one-character punctuation. */
    static List<String> tokenize(String c) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < c.length()) {
            char ch = c.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '#') { // a stray directive line (pragmas survive -E)
                while (i < c.length() && c.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isLetterOrDigit(ch) || ch == '_') {
                int start = i;
                while (i < c.length()
                        && (Character.isLetterOrDigit(c.charAt(i))
                                || c.charAt(i) == '_'
                                || c.charAt(i) == '.' && Character.isDigit(c.charAt(start)))) {
                    i++;
                }
                tokens.add(c.substring(start, i));
            } else if (ch == '"' || ch == '\'') {
                int start = i++;
                while (i < c.length() && c.charAt(i) != ch) {
                    i += c.charAt(i) == '\\' ? 2 : 1;
                }
                tokens.add(c.substring(start, Math.min(++i, c.length())));
            } else {
                tokens.add(String.valueOf(ch));
                i++;
            }
        }
        return tokens;
    }
}
