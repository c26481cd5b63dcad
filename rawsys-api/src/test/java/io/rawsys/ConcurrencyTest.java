package io.rawsys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted") // reinterpret and downcalls on memory the test owns
class ConcurrencyTest {
    static final int THREADS = 16;
    static final int CALLS = 10_000;

    /**
     * Every thread makes calls whose right answer is its own: its thread id, its own pipe's bytes,
     * an errno from a bad descriptor. A stub or handle that shared state between threads would hand
     * one thread another's answer.
     */
    @Test
    void sixteenThreadsEachGetTheirOwnResultsAndErrnos() throws Exception {
        AtomicLong wrong = new AtomicLong();
        Set<Long> tids = ConcurrentHashMap.newKeySet();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        try (Arena arena = Arena.ofConfined()) {
                                            long tid = Syscalls.invoke(Nr.gettid);
                                            tids.add(tid);
                                            MemorySegment fds = arena.allocate(JAVA_INT, 2);
                                            Syscalls.invoke(Nr.pipe2, fds.address(), 0);
                                            int readEnd = fds.getAtIndex(JAVA_INT, 0);
                                            int writeEnd = fds.getAtIndex(JAVA_INT, 1);
                                            MemorySegment out = arena.allocate(JAVA_LONG);
                                            MemorySegment in = arena.allocate(JAVA_LONG);
                                            start.await();
                                            for (int i = 0; i < CALLS; i++) {
                                                boolean critical = (i & 1) == 0;
                                                long seenTid =
                                                        critical
                                                                ? Syscalls.Critical.invoke(
                                                                        Nr.gettid)
                                                                : Syscalls.invoke(Nr.gettid);
                                                long badClose =
                                                        critical
                                                                ? Syscalls.Critical.raw(
                                                                        Nr.close, -1 - id)
                                                                : Syscalls.raw(Nr.close, -1 - id);
                                                long value = ((long) id << 32) | i;
                                                out.set(JAVA_LONG, 0, value);
                                                long wrote =
                                                        Syscalls.invoke(
                                                                Nr.write,
                                                                writeEnd,
                                                                out.address(),
                                                                8);
                                                long read =
                                                        Syscalls.invoke(
                                                                Nr.read, readEnd, in.address(), 8);
                                                int errno = 0;
                                                try {
                                                    Syscalls.invoke(
                                                            Nr.dup3, readEnd, readEnd,
                                                            0); // same fd twice: EINVAL
                                                } catch (ErrnoException e) {
                                                    errno = e.errno();
                                                }
                                                if (seenTid != tid
                                                        || badClose != -Errno.EBADF
                                                        || wrote != 8
                                                        || read != 8
                                                        || in.get(JAVA_LONG, 0) != value
                                                        || errno != Errno.EINVAL) {
                                                    wrong.incrementAndGet();
                                                }
                                            }
                                            Syscalls.invoke(Nr.close, readEnd);
                                            Syscalls.invoke(Nr.close, writeEnd);
                                        } catch (Exception e) {
                                            wrong.addAndGet(CALLS);
                                            throw new AssertionError(e);
                                        }
                                    }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(THREADS, tids.size(), "every thread saw its own thread id");
        assertEquals(0, wrong.get(), "calls that got another thread's result or errno");
    }
}
