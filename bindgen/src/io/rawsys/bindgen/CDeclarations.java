package io.rawsys.bindgen;

import java.util.ArrayList;
import java.util.HashMap;
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
 * and unions (typedefs of typedefs, and typedefs written before the struct's definition), inline
 * and anonymous members, arrays (flexible ones too), pointers, function pointers, bit-fields,
 * {@code __attribute__} and {@code __extension__}. It skips everything else.
 */
final class CDeclarations {
    /** A struct or union: its tag (or null) and members in declaration order. */
    record Aggregate(boolean union, String tag, List<Member> members) {}

    /**
     * One member. {@link #type()} is the aggregate it holds, or null for a scalar or pointer;
     * {@code anonymous} members (an unnamed struct or union inside another) have no name, and their
     * members are reached directly. A bit-field is recorded only so that it can be left out: its
     * bits stay padding in a layout.
     */
    record Member(
            String name,
            TypeRef ref,
            boolean pointer,
            int arrayDimensions,
            boolean flexible,
            boolean anonymous,
            boolean bitField) {
        boolean array() {
            return arrayDimensions > 0;
        }

        /** The aggregate this member holds, resolved once the whole text was read; null if none. */
        Aggregate type() {
            return ref == null ? null : ref.resolved;
        }
    }

    /**
     * The aggregate type of a member: known at once for an inline definition, or named (a tag or a
     * typedef name) and resolved after everything is read, since a typedef may come first.
     */
    static final class TypeRef {
        final String name;
        Aggregate resolved;

        TypeRef(String name, Aggregate resolved) {
            this.name = name;
            this.resolved = resolved;
        }
    }

    private static final Set<String> SKIPPED_WORDS =
            Set.of(
                    "__extension__",
                    "const",
                    "volatile",
                    "__restrict",
                    "restrict",
                    "__const",
                    "__volatile__");

    /** Words that are part of a type, never a member's name. */
    private static final Set<String> TYPE_WORDS =
            Set.of(
                    "void",
                    "char",
                    "short",
                    "int",
                    "long",
                    "float",
                    "double",
                    "signed",
                    "unsigned",
                    "_Bool",
                    "__int128",
                    "__signed__");

    private final List<String> tokens;
    private final Map<String, Aggregate> tagged = new HashMap<>();

    /**
     * Typedef name to what it names: a tag ({@code struct x}), another typedef name, or an inline
     * aggregate.
     */
    private final Map<String, TypeRef> typedefs = new HashMap<>();

    private final List<TypeRef> references = new ArrayList<>();
    private final List<String> enumerators = new ArrayList<>();
    private int pos;

    private CDeclarations(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Reads every declaration of {@code preprocessed} (the output of {@code cc -E -P}). */
    static CDeclarations read(String preprocessed) {
        CDeclarations d = new CDeclarations(tokenize(preprocessed));
        d.readAll();
        for (TypeRef ref : d.references) {
            if (ref.resolved == null) {
                ref.resolved = d.resolve(ref.name, 0);
            }
        }
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
        return resolve(cType.strip().replaceAll("\\s+", " "), 0);
    }

    private Aggregate resolve(String name, int depth) {
        if (name == null || depth > 16) {
            return null;
        }
        if (name.startsWith("struct ") || name.startsWith("union ")) {
            return tagged.get(name);
        }
        TypeRef ref = typedefs.get(name);
        if (ref == null) {
            return null;
        }
        return ref.resolved != null ? ref.resolved : resolve(ref.name, depth + 1);
    }

    private TypeRef reference(String name, Aggregate inline) {
        TypeRef ref = new TypeRef(name, inline);
        references.add(ref);
        return ref;
    }

    // ----- reading -----

    private void readAll() {
        while (pos < tokens.size()) {
            switch (tokens.get(pos)) {
                case "typedef" -> readTypedef();
                case "struct", "union" -> {
                    if (readAggregateSpecifier() == null) {
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
        TypeRef target = null;
        if (peek("struct") || peek("union")) {
            String keyword = tokens.get(pos);
            Aggregate inline = readAggregateSpecifier();
            if (inline != null) {
                target = reference(null, inline);
            } else { // typedef struct tag name; the struct may be defined later
                pos++;
                skipNoise();
                target = reference(keyword + " " + tokens.get(pos++), null);
            }
        } else if (peek("enum")) {
            readEnum();
        } else {
            // typedef of another type: a plain name (sigset_t's __sigset_t) may itself name an
            // aggregate
            List<String> words = new ArrayList<>();
            for (int i = pos; i < tokens.size() && !tokens.get(i).equals(";"); i++) {
                words.add(tokens.get(i));
            }
            List<String> names =
                    words.stream()
                            .filter(CDeclarations::isIdentifier)
                            .filter(w -> !SKIPPED_WORDS.contains(w))
                            .toList();
            if (names.size() == 2 && !words.contains("*") && !words.contains("(")) {
                target = reference(names.getFirst(), null);
            }
        }
        // Declarators up to ';': each plain name becomes a name for the target.
        int depth = 0;
        boolean pointer = false;
        String last = null;
        while (pos < tokens.size()) {
            String t = tokens.get(pos++);
            if (t.equals("__attribute__")) {
                skipParenthesized();
            } else if (t.equals("(") || t.equals("[")) {
                depth++;
            } else if (t.equals(")") || t.equals("]")) {
                depth--;
            } else if (t.equals("*")) {
                pointer = true;
            } else if (depth == 0 && (t.equals(",") || t.equals(";"))) {
                if (last != null && target != null && !pointer) {
                    typedefs.put(last, target);
                }
                pointer = false;
                last = null;
                if (t.equals(";")) {
                    return;
                }
            } else if (depth == 0 && isIdentifier(t) && !SKIPPED_WORDS.contains(t)) {
                last = t;
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
        if (!peek("{")) {
            pos = start;
            return null;
        }
        pos++; // {
        List<Member> members = new ArrayList<>();
        while (pos < tokens.size() && !peek("}")) {
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
        String tagReference = null;
        if (peek("struct") || peek("union")) {
            String keyword = tokens.get(pos);
            inline = readAggregateSpecifier();
            if (inline == null) {
                pos++;
                skipNoise();
                tagReference = keyword + " " + tokens.get(pos++);
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
        boolean typeWordsIncluded = inline == null && tagReference == null;
        // One type for every declarator: the inline aggregate, the tag, or a typedef name before
        // the first name.
        String typeName =
                tagReference != null
                        ? tagReference
                        : typeWordsIncluded && !declarators.isEmpty()
                                ? typedefName(declarators.getFirst())
                                : null;
        for (int i = 0; i < declarators.size(); i++) {
            List<String> declarator = declarators.get(i);
            Member m = member(declarator, inline, typeName, typeWordsIncluded && i == 0);
            if (m != null) {
                members.add(m);
            } else if (inline != null && declarator.isEmpty()) {
                members.add(
                        new Member(null, reference(null, inline), false, 0, false, true, false));
            }
        }
    }

    /**
     * The typedef name among a declarator's leading words: the word before the declared name, if
     * not a C type word.
     */
    private static String typedefName(List<String> words) {
        int bracket = words.indexOf("[");
        List<String> head = bracket < 0 ? words : words.subList(0, bracket);
        List<String> names =
                head.stream()
                        .filter(CDeclarations::isIdentifier)
                        .filter(w -> !SKIPPED_WORDS.contains(w))
                        .toList();
        return names.size() >= 2 && !TYPE_WORDS.contains(names.get(names.size() - 2))
                ? names.get(names.size() - 2)
                : null;
    }

    /**
     * One declarator's member, or null for unnamed bit-field padding and bare aggregate
     * definitions.
     */
    private Member member(
            List<String> words, Aggregate inline, String typeName, boolean typeWordsIncluded) {
        if (words.contains(":")) {
            String name = lastName(words.subList(0, words.indexOf(":")));
            boolean onlyTypeWords =
                    typeWordsIncluded
                            && words.subList(0, words.indexOf(":")).stream()
                                            .filter(CDeclarations::isIdentifier)
                                            .filter(w -> !SKIPPED_WORDS.contains(w))
                                            .count()
                                    < 2;
            return name == null || onlyTypeWords
                    ? null
                    : new Member(name, null, false, 0, false, false, true);
        }
        int paren = words.indexOf("(");
        if (paren >= 0 && paren + 1 < words.size() && words.get(paren + 1).equals("*")) {
            // function pointer: type (* [const] name)(params)
            int close = words.indexOf(")");
            return new Member(
                    lastName(words.subList(paren + 1, close < 0 ? words.size() : close)),
                    null,
                    true,
                    0,
                    false,
                    false,
                    false);
        }
        int bracket = words.indexOf("[");
        List<String> head = bracket < 0 ? words : words.subList(0, bracket);
        String name = lastName(head);
        if (name == null) {
            return null;
        }
        boolean pointer = head.contains("*");
        int dimensions = 0;
        boolean flexible = false;
        for (int i = bracket < 0 ? words.size() : bracket; i < words.size(); i++) {
            if (words.get(i).equals("[")) {
                dimensions++;
                flexible |= i + 1 < words.size() && words.get(i + 1).equals("]");
            }
        }
        TypeRef ref =
                pointer
                        ? null
                        : inline != null
                                ? reference(null, inline)
                                : typeName != null ? reference(typeName, null) : null;
        return new Member(name, ref, pointer, dimensions, flexible, false, false);
    }

    /** The last word that can be a name: not a qualifier, not a C type word. */
    private static String lastName(List<String> words) {
        for (int i = words.size() - 1; i >= 0; i--) {
            String w = words.get(i);
            if (isIdentifier(w) && !SKIPPED_WORDS.contains(w) && !TYPE_WORDS.contains(w)) {
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
        if (!peek("{")) {
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
        if (!peek("(")) {
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
            } else if (ch == '#') { // directive lines: #define from -dD, #pragma
                while (i < c.length() && c.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isLetterOrDigit(ch) || ch == '_') {
                int start = i;
                boolean number = Character.isDigit(ch);
                while (i < c.length()
                        && (Character.isLetterOrDigit(c.charAt(i))
                                || c.charAt(i) == '_'
                                || number && c.charAt(i) == '.')) {
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
