package io.rawsys.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Mman;
import io.rawsys.linux.Mount;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.MntIdReq;
import io.rawsys.linux.struct.Statmount;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls Linux 6.5 to 6.10 added, which rawsys names since its bindings come from the 6.12 tree:
 * each against the real kernel, through {@code Syscalls.invoke} and through its typed wrapper, with
 * a result that can be checked against another source (mountinfo, stat, the kernel's refusals). On
 * an older kernel each is skipped with the version it needs.
 */
class NewCallsTest {
    @TempDir Path dir;

    /** Skips the test where the kernel lacks {@code nr} (ENOSYS), naming the version it needs. */
    private static void assumeKernelHas(long nr, String call, String version) {
        long r = Syscalls.raw(nr, -1, 0, 0, 0, 0, 0);
        assumeTrue(
                r != -Errno.ENOSYS,
                "this kernel has no " + call + " (ENOSYS); it came in Linux " + version);
    }

    /** Mount points as /proc/self/mountinfo gives them (column 5, octal escapes undone). */
    private static Set<String> mountinfoPoints() throws Exception {
        Set<String> points = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String escaped = line.split(" ")[4];
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < escaped.length(); i++) {
                char c = escaped.charAt(i);
                if (c == '\\' && i + 3 < escaped.length()) {
                    p.append((char) Integer.parseInt(escaped.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    p.append(c);
                }
            }
            points.add(p.toString());
        }
        return points;
    }

    @Test
    void listmountThroughInvokeListsTheRootMountAndStatmountSaysItIsSlash() {
        assumeKernelHas(Nr.listmount, "listmount", "6.8");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = MntIdReq.allocate(arena);
            MntIdReq.size(req, Mount.MNT_ID_REQ_SIZE_VER0);
            MntIdReq.mnt_id(req, Mount.LSMT_ROOT);
            MemorySegment ids = arena.allocate(ValueLayout.JAVA_LONG, 4096);
            long n = Syscalls.invoke(Nr.listmount, req.address(), ids.address(), 4096, 0);
            assertTrue(n > 0, "listmount of the namespace's root listed nothing");
            List<String> points = new ArrayList<>();
            MemorySegment buf = arena.allocate(1 << 16, 8);
            for (int i = 0; i < n; i++) {
                MntIdReq.mnt_id(req, ids.getAtIndex(ValueLayout.JAVA_LONG, i));
                MntIdReq.param(req, Mount.STATMOUNT_MNT_POINT);
                Syscalls.invoke(Nr.statmount, req.address(), buf.address(), buf.byteSize(), 0);
                long offset =
                        Statmount.LAYOUT.byteOffset(
                                        java.lang.foreign.MemoryLayout.PathElement.groupElement(
                                                "str"))
                                + Statmount.mnt_point(buf);
                points.add(buf.getString(offset));
            }
            assertTrue(points.contains("/"), "the root mount is listed: " + points);
        }
    }

    @Test
    void listmountAndStatmountSeeTheMountsMountinfoShows() throws Exception {
        assumeKernelHas(Nr.listmount, "listmount", "6.8");
        Set<String> points = new TreeSet<>();
        Set<Long> ids = new HashSet<>();
        long root = -1;
        for (long id : MountCalls.listmount()) {
            assertTrue(ids.add(id), "listed twice: " + id);
            MountStat m =
                    MountCalls.statmount(
                            id,
                            Mount.STATMOUNT_MNT_BASIC
                                    | Mount.STATMOUNT_MNT_POINT
                                    | Mount.STATMOUNT_FS_TYPE
                                    | Mount.STATMOUNT_SB_BASIC);
            assertEquals(id, m.mountId());
            assertNotNull(m.fsType(), "fs type asked for");
            points.add(m.mountPoint());
            if (m.mountPoint().equals("/")) {
                root = id;
            }
        }
        assertEquals(mountinfoPoints(), points);
        assertTrue(root != -1, "no mount at /");
        // the root mount's children, in reverse: the same ids as listed forward, reversed
        long[] forward = MountCalls.listmount(root, 0);
        long[] reverse = MountCalls.listmount(root, Mount.LISTMOUNT_REVERSE);
        assertEquals(forward.length, reverse.length);
        for (int i = 0; i < forward.length; i++) {
            assertEquals(forward[i], reverse[reverse.length - 1 - i]);
        }
    }

    @Test
    void statmountOfAnIdNoMountHasIsENOENT() {
        assumeKernelHas(Nr.statmount, "statmount", "6.8");
        ErrnoException e =
                assertThrows(
                        ErrnoException.class,
                        () -> MountCalls.statmount(0x7fff_ffff_ffffL, Mount.STATMOUNT_MNT_BASIC));
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void msealOnAFreshMappingThenMunmapIsEPERM() {
        assumeKernelHas(Nr.mseal, "mseal", "6.10");
        MemorySegment mapping;
        try (Arena arena = Arena.ofConfined()) {
            mapping = MemoryCalls.mmapAnonymous(arena, 8192, Mman.PROT_READ | Mman.PROT_WRITE);
            Syscalls.invoke(Nr.mseal, mapping.address(), mapping.byteSize(), 0);
            ErrnoException e =
                    assertThrows(
                            ErrnoException.class,
                            () -> Syscalls.invoke(Nr.munmap, mapping.address(), 8192));
            assertEquals("EPERM", e.errnoName());
            // the typed layer knows nothing of the raw seal: its arena's close meets EPERM too,
            // so this mapping is sealed through the typed call as well, which records it
            MemoryCalls.mseal(mapping);
            assertThrows(
                    ErrnoException.class,
                    () -> MemoryCalls.mprotect(mapping, Mman.PROT_READ),
                    "a sealed mapping cannot be re-protected");
        }
        // the arena closed without an exception, and the pages stay: the kernel refuses to unmap
        assertFalse(mapping.scope().isAlive());
    }

    @Test
    void msealRefusesMemoryRawsysDidNotMap() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment notOurs = arena.allocate(4096, 4096);
            assertThrows(IllegalArgumentException.class, () -> MemoryCalls.mseal(notOurs));
        }
    }

    @Test
    void cachestatCountsTheCachedPagesOfAFileJustWritten() throws Exception {
        assumeKernelHas(Nr.cachestat, "cachestat", "6.5");
        Path file = dir.resolve("cached");
        Files.write(file, new byte[16 * 4096]);
        int fd = FileCalls.openat(Fcntl.AT_FDCWD, file.toString(), Fcntl.O_RDONLY);
        try {
            PageCacheStat all = FileCalls.cachestat(fd, 0, 0);
            long pages = 16 * 4096 / ProcessCalls.pageSize();
            assertTrue(all.cached() > 0 && all.cached() <= pages, all.toString());
            assertTrue(all.dirty() + all.writeback() <= all.cached(), all.toString());
            PageCacheStat one = FileCalls.cachestat(fd, 0, ProcessCalls.pageSize());
            assertTrue(one.cached() <= 1, one.toString());
            PageCacheStat past = FileCalls.cachestat(fd, 1L << 40, 4096);
            assertEquals(0, past.cached(), "nothing cached past the end");
        } finally {
            FileCalls.close(fd);
        }
        assertThrows(IllegalArgumentException.class, () -> FileCalls.cachestat(0, -1, 0));
        assertEquals(
                "EBADF",
                assertThrows(ErrnoException.class, () -> FileCalls.cachestat(-1, 0, 0))
                        .errnoName());
    }

    @Test
    void fchmodat2SetsTheModeAndRefusesASymlinksOwn() throws Exception {
        assumeKernelHas(Nr.fchmodat2, "fchmodat2", "6.6");
        Path file = Files.createFile(dir.resolve("f"));
        FileCalls.fchmodat2(Fcntl.AT_FDCWD, file.toString(), 0640, 0);
        assertEquals(
                "rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        FileCalls.fchmodat2(Fcntl.AT_FDCWD, file.toString(), 0600, Fcntl.AT_SYMLINK_NOFOLLOW);
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        ErrnoException e =
                assertThrows(
                        ErrnoException.class,
                        () ->
                                FileCalls.fchmodat2(
                                        Fcntl.AT_FDCWD,
                                        link.toString(),
                                        0777,
                                        Fcntl.AT_SYMLINK_NOFOLLOW));
        assertEquals("EOPNOTSUPP", e.errnoName());
        assertEquals(
                "EINVAL",
                assertThrows(
                                ErrnoException.class,
                                () -> FileCalls.fchmodat2(Fcntl.AT_FDCWD, file.toString(), 0600, 1))
                        .errnoName(),
                "an unknown flag");
    }

    @Test
    void futexWaitAndWakeThroughFutex2() throws Exception {
        assumeKernelHas(Nr.futex_wake, "futex_wake", "6.7");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment word = FutexCalls.word(arena, 7);
            assertEquals(FutexCalls.Wake.VALUE_CHANGED, FutexCalls.futexWait(word, 8, null));
            assertEquals(
                    FutexCalls.Wake.TIMED_OUT,
                    FutexCalls.futexWait(word, 7, Duration.ofMillis(20)));
            assertEquals(0, FutexCalls.futexWake(word, 1), "nobody waits");
            AtomicReference<FutexCalls.Wake> result = new AtomicReference<>();
            Thread waiter =
                    Thread.ofPlatform()
                            .start(
                                    () ->
                                            result.set(
                                                    FutexCalls.futexWait(
                                                            word, 7, Duration.ofSeconds(60))));
            int woken = 0;
            while (woken == 0 && waiter.isAlive()) {
                woken = FutexCalls.futexWake(word, 1); // 0 until the waiter is in the kernel
                Thread.onSpinWait();
            }
            waiter.join();
            assertEquals(1, woken);
            assertEquals(FutexCalls.Wake.WOKEN, result.get());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> FutexCalls.futexWait(arena.allocate(8, 4).asSlice(1, 4), 7, null),
                    "a misaligned word");
        }
    }
}
