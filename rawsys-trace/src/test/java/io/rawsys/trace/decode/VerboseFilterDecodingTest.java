package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What seccomp, bpf and perf_event_open print with strace's -v, which the command line does not
 * take yet (SeccompDecodersIT, BpfDecodersIT and PerfDecodersIT compare it with strace 6.1 once it
 * does, and skip until then): each call decoded from memory laid out here, against the line strace
 * 6.1 prints for it with -v (its bpf_filter.c, bpf_seccomp_filter.c, bpf.c and perf.c; the same
 * lines as its tests seccomp-filter-v, bpf-v, bpf-success-v and perf_event_open_unabbrev expect,
 * which rawsys trace passed, with -v forced on, when this test was written), and without -v.
 */
class VerboseFilterDecodingTest {
    private static final Decoders DECODERS = Decoders.standard();

    private static final Call.Settings VERBOSE =
            new Call.Settings(32, false, true, (pid, fd) -> null);
    private static final Call.Settings PLAIN =
            new Call.Settings(32, false, false, (pid, fd) -> null);

    /** A classic seccomp program: allow all but one call, which fails with EPERM (1). */
    private static byte[] filter() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        instruction(b, 0x20, 0, 0, 4); // BPF_LD|BPF_W|BPF_ABS, offsetof(seccomp_data, arch)
        instruction(b, 0x15, 0, 1, 0xc000003eL); // BPF_JMP|BPF_JEQ|BPF_K
        instruction(b, 0x06, 0, 0, 0x00050001L); // BPF_RET|BPF_K, SECCOMP_RET_ERRNO|1
        instruction(b, 0x06, 0, 0, 0x7fff0000L); // BPF_RET|BPF_K, SECCOMP_RET_ALLOW
        return b.array();
    }

    private static void instruction(ByteBuffer b, int code, int jt, int jf, long k) {
        b.putShort((short) code).put((byte) jt).put((byte) jf).putInt((int) k);
    }

    private static final String FILTER =
            "[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0xc000003e, 0,"
                    + " 0x1), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0x1),"
                    + " BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW)]";

    @Test
    void seccompFiltersPrintInstructionByInstruction() {
        for (String abi : new String[] {"x86_64", "i386"}) {
            Arch arch = Arch.of(abi);
            boolean wide = arch.wordSize() == 8;
            ByteBuffer fprog = ByteBuffer.allocate(wide ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
            fprog.putShort((short) 4).position(wide ? 8 : 4);
            if (wide) {
                fprog.putLong(0x2000);
            } else {
                fprog.putInt(0x2000);
            }
            I386DecodingTest.RecordedMemory memory = new I386DecodingTest.RecordedMemory();
            memory.map(0x1000, fprog.array());
            memory.map(0x2000, filter());
            long[] args = {1, 0, 0x1000};
            assertEquals(
                    "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=4, filter=" + FILTER + "}) = 0",
                    line(arch, "seccomp", args, memory, VERBOSE, 0),
                    abi);
            assertEquals(
                    "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=4, filter=0x2000}) = 0",
                    line(arch, "seccomp", args, memory, PLAIN, 0),
                    abi);
        }
    }

    @Test
    void bpfProgramsAndExtraDataPrintWithVerbose() {
        Arch arch = Arch.of("x86_64");
        ByteBuffer attr = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        attr.putInt(1).putInt(2).putLong(0x4000).putLong(0x5000);
        ByteBuffer insns = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        insns.putLong(0xb7).putLong(0x95); // r0 = 0; exit
        I386DecodingTest.RecordedMemory memory = new I386DecodingTest.RecordedMemory();
        memory.map(0x3000, attr.array());
        memory.map(0x4000, insns.array());
        memory.map(0x5000, "GPL\0".getBytes(StandardCharsets.US_ASCII));
        long[] load = {5, 0x3000, 24};
        assertEquals(
                "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2,"
                        + " insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0,"
                        + " src_reg=BPF_REG_0, off=0, imm=0}, {code=BPF_JMP|BPF_K|BPF_EXIT,"
                        + " dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0}],"
                        + " license=\"GPL\"}, 24) = 3",
                line(arch, "bpf", load, memory, VERBOSE, 3));
        assertEquals(
                "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2,"
                        + " insns=0x4000, license=\"GPL\"}, 24) = 3",
                line(arch, "bpf", load, memory, PLAIN, 3));
        memory.map(0x6000, new byte[] {3, 0, 0, 0, 0, 0, 1, 0});
        long[] freeze = {22, 0x6000, 8};
        assertEquals(
                "bpf(BPF_MAP_FREEZE, {map_fd=3, extra_data=\"\\x00\\x00\\x01\\x00\" /* bytes"
                        + " 4..7 */}, 8) = -1 E2BIG (Argument list too long)",
                line(arch, "bpf", freeze, memory, VERBOSE, -7));
        assertEquals(
                "bpf(BPF_MAP_FREEZE, {map_fd=3, ...}, 8) = -1 E2BIG (Argument list too long)",
                line(arch, "bpf", freeze, memory, PLAIN, -7));
    }

    @Test
    void perfEventAttrsPrintEveryMemberWithVerbose() {
        Arch arch = Arch.of("x86_64");
        ByteBuffer attr = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        attr.putInt(1).putInt(64).putLong(0); // PERF_TYPE_SOFTWARE, VER0, PERF_COUNT_SW_CPU_CLOCK
        attr.putLong(40, 1L << 0 | 1L << 5 | 2L << 15); // disabled, exclude_kernel, precise_ip 2
        attr.putInt(48, 7).putLong(56, 0xabc);
        I386DecodingTest.RecordedMemory memory = new I386DecodingTest.RecordedMemory();
        memory.map(0x7000, attr.array());
        long[] args = {0x7000, 0, 0xffffffffL, 0xffffffffL, 8};
        String flags =
                "disabled=1, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=1,"
                        + " exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0,"
                        + " enable_on_exec=0, task=0, watermark=0, precise_ip=2 /* requested to"
                        + " have 0 skid */, mmap_data=0, sample_id_all=0, exclude_host=0,"
                        + " exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0,"
                        + " mmap2=0, comm_exec=0, use_clockid=0, context_switch=0,"
                        + " write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0,"
                        + " cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0,"
                        + " sigtrap=0";
        String head =
                "perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER0,"
                        + " config=PERF_COUNT_SW_CPU_CLOCK, sample_period=0, sample_type=0,"
                        + " read_format=0, ";
        assertEquals(
                head
                        + flags
                        + ", wakeup_events=7, config1=0xabc}, 0, -1, -1,"
                        + " PERF_FLAG_FD_CLOEXEC) = 3",
                line(arch, "perf_event_open", args, memory, VERBOSE, 3));
        assertEquals(
                head
                        + "disabled=1, exclude_kernel=1, precise_ip=2 /* requested to have 0 skid"
                        + " */, ...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC) = 3",
                line(arch, "perf_event_open", args, memory, PLAIN, 3));
    }

    /** The call as the tracer decodes and prints it (one space before {@code =}, no padding). */
    private static String line(
            Arch arch,
            String name,
            long[] args,
            I386DecodingTest.RecordedMemory memory,
            Call.Settings settings,
            long result) {
        Decoder decoder = DECODERS.forName(name, 6);
        Call c = new Call(1234, arch, name, args, memory, settings);
        decoder.enter(c);
        c.entered();
        c.exited(result, result < 0);
        decoder.exit(c);
        return CallText.entry(c, decoder)
                + CallText.exit(c, decoder)
                + " = "
                + CallText.result(c, decoder);
    }
}
