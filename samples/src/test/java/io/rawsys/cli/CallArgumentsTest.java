package io.rawsys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import io.rawsys.ConstantTable;
import io.rawsys.SyscallSignature;
import io.rawsys.linux.Fcntl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SuppressWarnings("restricted") // reads the strings the parser allocated
class CallArgumentsTest {
    static final ConstantTable CONSTANTS = Arch.current().constants();

    @Test
    void constantsAreOredTogether() {
        try (Arena arena = Arena.ofConfined()) {
            long[] values =
                    CallArguments.parse(
                                    List.of("AT_FDCWD", "O_WRONLY|O_CREAT|0644", "hello"),
                                    arena,
                                    CONSTANTS)
                            .values();
            assertEquals(Fcntl.AT_FDCWD, values[0]);
            assertEquals(Fcntl.O_WRONLY | Fcntl.O_CREAT | 0644, values[1]);
            assertEquals(
                    "hello",
                    MemorySegment.ofAddress(values[2]).reinterpret(6).getString(0),
                    "lower case stays a string");
            IllegalArgumentException typo =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> CallArguments.parse(List.of("O_RDONY"), arena, CONSTANTS));
            assertEquals(
                    "argument 1 'O_RDONY': no constant named O_RDONY on x86_64; did you mean O_RDONLY? (to pass the text itself, write s:O_RDONY)",
                    typo.getMessage());
        }
    }

    /**
     * Issue 12, item 5: a word meant as a value that does not read as one is refused, never passed
     * as the address of its text (as flags, an address is an arbitrary mix: O_CREAT|O_TRUNC…).
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "O_RDONLY|",
                "|O_RDONLY",
                "O_RDONLY||O_CLOEXEC",
                "O_RDONLY| ",
                "O_RDNOLY",
                "HELLO",
                "_",
                "O_RDONLY|o_cloexec",
                "O_RDONLY|0x1g",
                "O_RDONLY|/tmp",
                "12ab",
                "0x",
            })
    void aWordMeantAsAValueIsNeverText(String word) {
        try (Arena arena = Arena.ofConfined()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> CallArguments.parse(List.of("AT_FDCWD", word), arena, CONSTANTS),
                            word);
            assertTrue(e.getMessage().startsWith("argument 2 '" + word + "': "), e.getMessage());
            assertTrue(e.getMessage().contains("s:" + word), "says how to pass text: " + e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"hello", "/etc/hostname", "a b", "Hello", "o_rdonly", "-", "s:O_RDONLY|"})
    void otherWordsAreText(String word) {
        try (Arena arena = Arena.ofConfined()) {
            long address = CallArguments.parse(List.of(word), arena, CONSTANTS).values()[0];
            String text = word.startsWith("s:") ? word.substring(2) : word;
            assertEquals(
                    text,
                    MemorySegment.ofAddress(address).reinterpret(text.length() + 1).getString(0));
        }
    }

    @Test
    void spacesAroundABarAreAllowed() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(
                    Fcntl.O_RDONLY | Fcntl.O_CLOEXEC,
                    CallArguments.parse(List.of("O_RDONLY | O_CLOEXEC"), arena, CONSTANTS)
                            .values()[0]);
        }
    }

    @Test
    void integersUseCSyntax() {
        assertEquals(42, CallArguments.integer("42"));
        assertEquals(-100, CallArguments.integer("-100"));
        assertEquals(0x1f, CallArguments.integer("0x1f"));
        assertEquals(0755, CallArguments.integer("0755"));
        assertEquals(0, CallArguments.integer("0"));
        assertEquals(
                -1, CallArguments.integer("0xffffffffffffffff"), "unsigned 64-bit wraps as C does");
        assertEquals(Long.MIN_VALUE, CallArguments.integer("-9223372036854775808"));
    }

    @Test
    void badIntegersSayWhatIsWrong() {
        assertEquals(
                "not an integer (decimal, 0x hex or 0 octal)",
                assertThrows(IllegalArgumentException.class, () -> CallArguments.integer("12ab"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallArguments.integer("0x"));
        assertThrows(IllegalArgumentException.class, () -> CallArguments.integer("089"));
        assertThrows(IllegalArgumentException.class, () -> CallArguments.integer("0x-5"));
        assertEquals(
                "does not fit in 64 bits",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> CallArguments.integer("18446744073709551616"))
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CallArguments.integer("-9223372036854775809"));
    }

    @Test
    void stringsArePassedAsNulTerminatedCopies() {
        try (Arena arena = Arena.ofConfined()) {
            CallArguments args =
                    CallArguments.parse(List.of("hello\\n", "s:123", "7"), arena, CONSTANTS);
            long[] values = args.values();
            assertEquals("hello\n", MemorySegment.ofAddress(values[0]).reinterpret(7).getString(0));
            assertEquals("123", MemorySegment.ofAddress(values[1]).reinterpret(4).getString(0));
            assertEquals(7, values[2]);
        }
    }

    @Test
    void buffersAreZeroedAndRemembered() {
        try (Arena arena = Arena.ofConfined()) {
            CallArguments args = CallArguments.parse(List.of("3", "buf:16"), arena, CONSTANTS);
            assertEquals(1, args.buffers().size());
            assertEquals(2, args.buffers().getFirst().position());
            assertEquals(16, args.buffers().getFirst().segment().byteSize());
            assertEquals(args.buffers().getFirst().segment().address(), args.values()[1]);
        }
    }

    @Test
    void misuseNamesTheArgument() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(
                    "argument 2 'buf:-1': buf: takes a size in bytes from 0 to 1073741824",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () ->
                                            CallArguments.parse(
                                                    List.of("1", "buf:-1"), arena, CONSTANTS))
                            .getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CallArguments.parse(List.of("buf:lots"), arena, CONSTANTS));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CallArguments.parse(List.of("buf:1073741825"), arena, CONSTANTS));
            assertEquals(
                    "argument 1 'a\\qb': it has the unknown escape \\q; known are \\n \\t \\r \\0 \\e \\\\ \\\" \\xHH",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> CallArguments.parse(List.of("a\\qb"), arena, CONSTANTS))
                            .getMessage());
            assertEquals(
                    "a system call takes at most 6 arguments, and 7 were given",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () ->
                                            CallArguments.parse(
                                                    List.of("1", "2", "3", "4", "5", "6", "7"),
                                                    arena,
                                                    CONSTANTS))
                            .getMessage());
        }
    }

    @Test
    void escapesBothWays() {
        assertArrayEquals(
                new byte[] {'a', '\n', 0, (byte) 0xff, 'z'}, CStrings.unescape("a\\n\\0\\xffz"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), CStrings.unescape("é"));
        assertThrows(IllegalArgumentException.class, () -> CStrings.unescape("trailing\\"));
        assertThrows(IllegalArgumentException.class, () -> CStrings.unescape("\\xg"));
        byte[] bytes = {'h', 'i', '\n', '"', '\\', 0, '1', 0x1b, (byte) 0xff};
        assertEquals("\"hi\\n\\\"\\\\\\0001\\33\\377\"", CStrings.quote(bytes, bytes.length));
    }

    /**
     * Every pointer-and-count pair of the kernel's prototypes: a count one element past the buffer
     * is refused with both arguments named, a count that fits is not.
     */
    @Test
    void everyCountPastItsBufferIsRefusedAndEveryCountThatFitsIsNot() {
        int judged = 0;
        for (String line : io.rawsys.linux.data.ZSignatures.TABLE.lines().toList()) {
            SyscallSignature signature = SyscallSignature.of(line.split(" ")[0]).orElseThrow();
            for (SyscallSignature.Extent e : signature.extents()) {
                int elements = 3;
                long bytes = (long) elements * e.elementSize();
                for (int count : new int[] {elements, elements + 1}) {
                    List<String> words = new java.util.ArrayList<>();
                    for (int i = 0; i <= e.count(); i++) {
                        words.add(
                                i == e.pointer()
                                        ? "buf:" + bytes
                                        : i == e.count() ? Integer.toString(count) : "0");
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        CallArguments args = CallArguments.parse(words, arena, CONSTANTS);
                        if (count == elements) {
                            args.checkExtents(signature, 8);
                        } else {
                            IllegalArgumentException refused =
                                    assertThrows(
                                            IllegalArgumentException.class,
                                            () -> args.checkExtents(signature, 8),
                                            signature.toString());
                            assertTrue(
                                    refused.getMessage().startsWith(signature.name() + "'s ")
                                            && refused.getMessage()
                                                    .contains("(argument " + (e.count() + 1) + ")")
                                            && refused.getMessage()
                                                    .contains(
                                                            "(argument " + (e.pointer() + 1) + ")"),
                                    refused.getMessage());
                            judged++;
                        }
                    }
                }
            }
        }
        assertTrue(judged > 25, "pairs judged: " + judged);
    }

    @Test
    void aNegativeIntCountIsTheKernelsToRefuseAndAHugeSizeTIsRefusedHere() {
        try (Arena arena = Arena.ofConfined()) {
            SyscallSignature readlink = SyscallSignature.of("readlink").orElseThrow();
            CallArguments.parse(List.of("/x", "buf:8", "-1"), arena, CONSTANTS)
                    .checkExtents(readlink, 8);
            SyscallSignature read = SyscallSignature.of("read").orElseThrow();
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            CallArguments.parse(List.of("0", "buf:8", "-1"), arena, CONSTANTS)
                                    .checkExtents(read, 8),
                    "size_t -1 is 2^64-1");
        }
    }

    /** struct:NAME+N starts aligned whatever N is, and a member's value must fit the member. */
    @Test
    void structLiteralsStartAlignedAndRefuseValuesTooWide() {
        try (Arena arena = Arena.ofConfined()) {
            for (String word :
                    List.of("struct:timespec+1", "struct:mnt_id_req+4", "struct:statmount+0x11")) {
                long address = CallArguments.parse(List.of(word), arena, CONSTANTS).values()[0];
                assertEquals(0, address % 8, word);
            }
            IllegalArgumentException wide =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    CallArguments.parse(
                                            List.of("struct:mnt_id_req{size=99999999999}"),
                                            arena,
                                            CONSTANTS));
            assertTrue(
                    wide.getMessage().contains("does not fit in the 32-bit member size"),
                    wide.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            CallArguments.parse(
                                    List.of("struct:mnt_id_req{size=1,size=2}"), arena, CONSTANTS));
        }
    }
}
