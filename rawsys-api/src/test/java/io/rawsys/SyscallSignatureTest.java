package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.SyscallSignature.Extent;
import io.rawsys.testing.KernelSource;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyscallSignatureTest {
    @Test
    void readsTheKernelsPrototypes() {
        assertEquals(
                "long read(unsigned int fd, char __user *buf, size_t count)",
                SyscallSignature.of("read").orElseThrow().toString());
        assertEquals("long getpid(void)", SyscallSignature.of("getpid").orElseThrow().toString());
        SyscallSignature.Parameter buf =
                SyscallSignature.of("write").orElseThrow().parameters().get(1);
        assertTrue(buf.isUserPointer() && buf.isReadOnly(), buf.toString());
        assertEquals(
                "long recvfrom(int, void __user *, size_t, unsigned, struct sockaddr __user *, int __user *)",
                SyscallSignature.of("recvfrom").orElseThrow().toString());
        assertTrue(SyscallSignature.of("clone").isEmpty(), "declared per architecture: left out");
        assertTrue(SyscallSignature.of("nosuchcall").isEmpty());
    }

    /** The pairs a count can be held against, over every call that has one: the whole table. */
    @Test
    void theBufferAndCountPairsAreTheOnesAReaderWouldName() {
        Map<String, List<Extent>> expected = new TreeMap<>();
        expected.put("read", List.of(new Extent(1, 2, 1)));
        expected.put("write", List.of(new Extent(1, 2, 1)));
        expected.put("pread64", List.of(new Extent(1, 2, 1)));
        expected.put("getcwd", List.of(new Extent(0, 1, 1)));
        expected.put("readlink", List.of(new Extent(1, 2, 1)));
        expected.put("readlinkat", List.of(new Extent(2, 3, 1)));
        expected.put("getrandom", List.of(new Extent(0, 1, 1)));
        expected.put("recvfrom", List.of(new Extent(1, 2, 1)));
        expected.put("sendto", List.of(new Extent(1, 2, 1)));
        expected.put("sethostname", List.of(new Extent(0, 1, 1)));
        expected.put("listmount", List.of(new Extent(1, 2, 8)));
        expected.put("setxattr", List.of(new Extent(2, 3, 1)));
        expected.put("getxattr", List.of(new Extent(2, 3, 1)));
        // struct pointers, counted as bytes (a lower bound where the count means elements)
        expected.put("getdents64", List.of(new Extent(1, 2, 1)));
        expected.put("statmount", List.of(new Extent(1, 2, 1)));
        expected.forEach(
                (name, extents) ->
                        assertEquals(
                                extents, SyscallSignature.of(name).orElseThrow().extents(), name));
        for (String none :
                List.of("poll", "epoll_wait", "io_uring_register", "getsockopt", "mmap_pgoff")) {
            assertEquals(List.of(), SyscallSignature.of(none).orElseThrow().extents(), none);
        }
    }

    /** Every prototype of the header has a signature, except those declared twice, differently. */
    @Test
    void everyPrototypeOfTheHeaderIsThere() throws Exception {
        String header = Files.readString(KernelSource.tree().resolve("include/linux/syscalls.h"));
        Matcher m = Pattern.compile("asmlinkage long sys_(\\w+)\\(").matcher(header);
        int found = 0;
        int missing = 0;
        while (m.find()) {
            found++;
            if (SyscallSignature.of(m.group(1)).isEmpty()) {
                missing++;
                assertTrue(
                        io.rawsys.linux.data.ZSignatures.AMBIGUOUS
                                .lines()
                                .anyMatch(m.group(1)::equals),
                        m.group(1) + " has no signature and is not listed as ambiguous");
            }
        }
        assertTrue(found > 400, "prototypes in the header: " + found);
        assertTrue(missing < 10, "left out: " + missing);
        assertFalse(SyscallSignature.of("read").orElseThrow().parameters().isEmpty());
    }
}
