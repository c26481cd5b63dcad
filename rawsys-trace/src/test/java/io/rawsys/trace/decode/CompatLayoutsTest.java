package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The AIO, memory-policy, process-memory and select decoders in the 32-bit personalities, whose
 * layouts differ from x86_64's: x32 (4-byte pointers and longs, but a 64-bit time_t) and i386's old
 * select, which reads its five arguments from memory. No x32 program runs on this machine's kernels
 * (CONFIG_X86_X32_ABI is rarely set), so the words and memory are made here, as an x32 program
 * would pass them; the expected lines follow strace 6.1's decoders in its x32 personality
 * (current_wordsize 4: 4-byte iocb pointers, page pointers, node mask words and fd_set words,
 * 8-byte iovecs and sigset pairs; 16-byte timespecs and timevals). The i386 builds of the programs
 * that {@code AsyncIoDecodersIT}, {@code ProcessMemoryDecodersIT} and {@code DescriptorDecodersIT}
 * run compare i386 with strace itself.
 */
class CompatLayoutsTest {
    private static final Arch X32 = Arch.of("x32");
    private static final Arch I386 = Arch.of("i386");
    private static final Decoders DECODERS = Decoders.standard();
    private static final Call.Settings SETTINGS =
            new Call.Settings(32, false, false, (pid, fd) -> null);

    /** Little-endian bytes of 32-bit ({@code int}) and 64-bit ({@code long}) values. */
    private static byte[] le(Object... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : values) {
            if (v instanceof Integer i) {
                b.putInt(i);
            } else if (v instanceof Long l) {
                b.putLong(l);
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** The line of call {@code name} on {@code arch}, made as the tracer makes it. */
    private static String line(
            Arch arch,
            String name,
            long[] words,
            I386DecodingTest.RecordedMemory memory,
            long result,
            boolean failed) {
        Decoder decoder = DECODERS.forName(name, 6);
        Call c = new Call(1234, arch, name, words, memory, SETTINGS);
        decoder.enter(c);
        c.entered();
        c.exited(result, failed);
        decoder.exit(c);
        return CallText.entry(c, decoder)
                + CallText.exit(c, decoder)
                + " = "
                + CallText.result(c, decoder);
    }

    @Test
    void x32IoSubmitReadsFourBytePointersToIocbs() {
        var m = new I386DecodingTest.RecordedMemory();
        m.map(0x2000, le(0x3000, 0x3040));
        byte[] iocb = new byte[64];
        ByteBuffer.wrap(iocb)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0, 0x11)
                .putShort(16, (short) 1) // IOCB_CMD_PWRITE
                .putInt(20, 3)
                .putLong(24, 0x4000)
                .putLong(32, 2);
        m.map(0x3000, iocb);
        m.map(0x4000, "hi".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
                "io_submit(0x1000, 2, [{aio_data=0x11, aio_lio_opcode=IOCB_CMD_PWRITE,"
                        + " aio_fildes=3, aio_buf=\"hi\", aio_nbytes=2, aio_offset=0}, 0x3040])"
                        + " = 1",
                line(X32, "io_submit", new long[] {0x1000, 2, 0x2000}, m, 1, false));
    }

    @Test
    void x32IoPgeteventsTakesASixteenByteTimespecAndAnEightByteSigsetPair() {
        var m = new I386DecodingTest.RecordedMemory();
        m.map(0x5000, le(0x6000, 8));
        m.map(0x6000, le(1L << 9)); // SIGUSR1, signal 10
        m.map(0x7000, le(1L, 5L));
        assertEquals(
                "io_pgetevents(0x1000, 0, 1, [], {tv_sec=1, tv_nsec=5},"
                        + " {sigmask=[USR1], sigsetsize=8}) = 0",
                line(
                        X32,
                        "io_pgetevents",
                        new long[] {0x1000, 0, 1, 0x8000, 0x7000, 0x5000},
                        m,
                        0,
                        false));
    }

    @Test
    void x32NodeMasksPageListsAndIovecsAreOfFourByteWords() {
        var m = new I386DecodingTest.RecordedMemory();
        m.map(0x2000, le(1, 0x80000000));
        assertEquals(
                "set_mempolicy(MPOL_BIND, [0x000001, 0x80000000], 64) = 0",
                line(X32, "set_mempolicy", new long[] {2, 0x2000, 64}, m, 0, false));
        m.map(0x3000, le(0x10000, 0));
        m.map(0x4000, le(0, 0));
        m.map(0x5000, le(0, -14));
        assertEquals(
                "move_pages(0, 2, [0x10000, NULL], [0, 0], [0, -EFAULT], 0) = 0",
                line(X32, "move_pages", new long[] {0, 2, 0x3000, 0x4000, 0x5000, 0}, m, 0, false));
        m.map(0x6000, le(0x7000, 3));
        m.map(0x7000, "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
                "process_vm_writev(42, [{iov_base=\"abc\", iov_len=3}], 1,"
                        + " [{iov_base=0x7000, iov_len=3}], 1, 0) = 3",
                line(
                        X32,
                        "process_vm_writev",
                        new long[] {42, 0x6000, 1, 0x6000, 1, 0},
                        m,
                        3,
                        false));
    }

    @Test
    void x32SelectReadsWordsOfFdSetAndASixteenByteTimeval() {
        var m = new I386DecodingTest.RecordedMemory();
        m.map(0x2000, le(0x28)); // fds 3 and 5, in one 4-byte word
        m.map(0x3000, le(2L, 7L));
        assertEquals(
                "select(6, [3 5], NULL, NULL, {tv_sec=2, tv_usec=7}) = 1 (in [3], left"
                        + " {tv_sec=2, tv_usec=7})",
                line(X32, "select", new long[] {6, 0x2000, 0, 0, 0x3000}, m, 1, false));
    }

    @Test
    void i386sOldSelectReadsItsFiveArgumentsFromMemory() {
        var m = new I386DecodingTest.RecordedMemory();
        m.map(0x1000, le(4, 0x2000, 0, 0, 0x3000));
        m.map(0x2000, le(0x8));
        m.map(0x3000, le(0, 0));
        assertEquals(
                "select(4, [3], NULL, NULL, {tv_sec=0, tv_usec=0}) = 1 (in [3], left"
                        + " {tv_sec=0, tv_usec=0})",
                line(I386, "select", new long[] {0x1000}, m, 1, false));
        assertEquals(
                "select(0x8) = -1 EFAULT (Bad address)",
                line(I386, "select", new long[] {8}, m, -14, true));
    }
}
