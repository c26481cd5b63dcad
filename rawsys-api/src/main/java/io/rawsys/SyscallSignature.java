package io.rawsys;

import io.rawsys.linux.data.ZSignatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A system call's C prototype as the kernel declares it ({@code include/linux/syscalls.h}, read by
 * the bindings generator): what each argument is. The prototypes are the kernel's own and the same
 * on every ABI; an ABI's entry point may split a 64-bit argument into two registers (see {@link
 * SyscallArguments}), which these do not show.
 *
 * <pre>{@code
 * SyscallSignature.of("read").orElseThrow()
 *     // long read(unsigned int fd, char __user *buf, size_t count)
 * }</pre>
 *
 * @param name the call's name, without {@code sys_}
 * @param parameters its parameters, in order
 */
public record SyscallSignature(String name, List<Parameter> parameters) {
    public SyscallSignature {
        parameters = List.copyOf(parameters);
    }

    /**
     * One parameter.
     *
     * @param type its C type as declared, e.g. {@code const char __user *}
     * @param name its name, or empty where the kernel's header gives none
     */
    public record Parameter(String type, String name) {
        /** Whether it points into the caller's memory ({@code __user *}). */
        public boolean isUserPointer() {
            return type.contains("__user") && type.endsWith("*");
        }

        /** Whether the kernel only reads what it points to ({@code const … __user *}). */
        public boolean isReadOnly() {
            return isUserPointer() && type.startsWith("const ");
        }

        /**
         * For a pointer to bytes or to fixed-width words ({@code char}, {@code void}, {@code u8},
         * {@code u32}, {@code u64} and their {@code __} forms), the size of one element; 0 for
         * anything else (a struct, whose count may mean bytes or elements, or no pointer).
         */
        public int elementSize() {
            if (!isUserPointer()) {
                return 0;
            }
            String base =
                    type.replace("const ", "")
                            .replace("__user", "")
                            .replace("*", "")
                            .replace("unsigned ", "")
                            .strip();
            return switch (base) {
                case "char", "void", "u8", "__u8" -> 1;
                case "u32", "__u32" -> 4;
                case "u64", "__u64" -> 8;
                default -> 0;
            };
        }

        @Override
        public String toString() {
            return name.isEmpty() ? type : type.endsWith("*") ? type + name : type + " " + name;
        }
    }

    /**
     * A pointer argument followed by the argument that says how much of it the call uses: read's
     * {@code buf} and {@code count}, getcwd's {@code buf} and {@code size}, listmount's {@code
     * mnt_ids} and {@code nr_mnt_ids} (in 8-byte elements).
     *
     * @param pointer the pointer's index among the parameters (0 for the first)
     * @param count the count's index, always {@code pointer + 1}
     * @param elementSize bytes per unit of the count
     */
    public record Extent(int pointer, int count, int elementSize) {}

    /** Names a length in bytes goes by in the kernel's prototypes. */
    private static final Pattern BYTE_COUNT =
            Pattern.compile("count|.*len|.*size|.*siz|nbytes|.*bytes");

    /**
     * Names a count of words goes by: also {@code nr_…}, which after a {@code void *} may count
     * anything (io_uring_register's {@code nr_args}) and is therefore taken for words only.
     */
    private static final Pattern WORD_COUNT = Pattern.compile("count|.*len|.*size|nr_.*");

    private static final List<String> COUNT_TYPES =
            List.of("size_t", "int", "unsigned int", "unsigned", "long", "unsigned long");

    /**
     * The pointer-and-count pairs of this call whose count can be judged: a pointer to bytes or
     * words directly followed by an integer named like a length ({@code count}, {@code len}, {@code
     * size}, {@code bufsiz}; {@code nr_…} for words), or a byte pointer by an unnamed {@code
     * size_t}. A struct pointer followed by a length counts as bytes: its count may mean bytes
     * (getdents64's, statmount's bufsize) or elements (recvmmsg's vlen), and as an element is at
     * least a byte, a count past the buffer in bytes is past it either way.
     */
    public List<Extent> extents() {
        List<Extent> extents = new ArrayList<>();
        for (int i = 0; i + 1 < parameters.size(); i++) {
            Parameter pointer = parameters.get(i);
            Parameter count = parameters.get(i + 1);
            int unit = pointer.elementSize() != 0 ? pointer.elementSize() : structPointer(pointer);
            if (unit == 0 || !COUNT_TYPES.contains(count.type())) {
                continue;
            }
            if (count.name().equals("sigsetsize")) {
                continue; // the size of the call's sigset_t, wherever it stands (rt_sigtimedwait)
            }
            Pattern names = unit == 1 ? BYTE_COUNT : WORD_COUNT;
            boolean named = names.matcher(count.name()).matches();
            boolean unnamedSize =
                    pointer.elementSize() == 1
                            && count.name().isEmpty()
                            && count.type().equals("size_t");
            if (named || unnamedSize) {
                extents.add(new Extent(i, i + 1, unit));
            }
        }
        return extents;
    }

    /**
     * 1 for a {@code struct}/{@code union … __user *} (counted as bytes, a lower bound), else 0.
     */
    private static int structPointer(Parameter p) {
        return p.isUserPointer()
                        && p.type().replace("const ", "").matches("(struct|union) \\w+ __user \\*")
                ? 1
                : 0;
    }

    /** The prototype in C: {@code long read(unsigned int fd, char __user *buf, size_t count)}. */
    @Override
    public String toString() {
        List<String> params = parameters.stream().map(Parameter::toString).toList();
        return "long " + name + "(" + (params.isEmpty() ? "void" : String.join(", ", params)) + ")";
    }

    private static final class Table {
        static final Map<String, SyscallSignature> BY_NAME = parse(ZSignatures.TABLE);
    }

    private static Map<String, SyscallSignature> parse(String table) {
        Map<String, SyscallSignature> byName = new HashMap<>();
        for (String line : table.lines().toList()) {
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            List<Parameter> params = new ArrayList<>();
            if (space >= 0 && space + 1 < line.length()) {
                for (String p : line.substring(space + 1).split(";")) {
                    int colon = p.lastIndexOf(':');
                    params.add(new Parameter(p.substring(0, colon), p.substring(colon + 1)));
                }
            }
            byName.put(name, new SyscallSignature(name, params));
        }
        return Map.copyOf(byName);
    }

    /**
     * The kernel's prototype of the call {@code name}; empty for a name the kernel declares
     * differently per architecture ({@code clone}), only in architecture headers ({@code
     * arch_prctl}), or not at all.
     */
    public static Optional<SyscallSignature> of(String name) {
        java.util.Objects.requireNonNull(name, "the system call's name is null");
        return Optional.ofNullable(Table.BY_NAME.get(name));
    }
}
