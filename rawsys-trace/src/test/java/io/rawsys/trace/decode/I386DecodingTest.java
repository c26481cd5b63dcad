package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * i386's own decoding, checked without running a 32-bit program: socketcall and the calls it
 * carries, 64-bit values split over two argument words, the 32-bit layouts of structs, the *_time64
 * calls' 64-bit timespecs, mmap2's offset in pages, set_thread_area's user_desc. The integration
 * tests that trace static i386 programs ({@code *DecodersIT}, {@code TraceIT}, {@code
 * SyscallZooTest}) are skipped on kernels that cannot execute them (no ia32 emulation); this test
 * exists so that the i386 decoding stays checked there.
 *
 * <p>Each case replays one system call of a real static i386 program ({@code i686-linux-gnu-gcc
 * -static}) traced on x86_64: the argument words strace 6.1 showed with {@code -e raw=all}, the
 * memory the program had at the call and what the kernel wrote there (dumped by the program), the
 * result; the expected line is the one strace 6.1 printed for that call. The program kept its data
 * in a page mapped at the fixed address 0x56780000, so the addresses are those it passed.
 *
 * <p>The line is made as the tracer makes it: the decoders through their public API ({@link
 * Decoders#standard()}, {@link Decoders#carried}, {@link Decoder}, {@link Call}), fed the words and
 * a {@link Memory} of the recorded bytes, and {@link CallText} for the parts of the line; only
 * TextOutput's padding to column 40 is repeated here.
 */
class I386DecodingTest {
    private static final Arch I386 = Arch.of("i386");
    private static final Decoders DECODERS = Decoders.standard();

    /** strace's defaults: -s 32, no -y, no -v. */
    private static final Call.Settings SETTINGS =
            new Call.Settings(32, false, false, (pid, fd) -> null);

    /** strace -v: structures in full. */
    private static final Call.Settings VERBOSE =
            new Call.Settings(32, false, true, (pid, fd) -> null);

    /** TextOutput's column for {@code =}. */
    private static final int RESULT_COLUMN = 40;

    /** One recorded call and the line strace 6.1 printed for it. */
    record Case(String line, Syscall call) {
        @Override
        public String toString() {
            return line;
        }
    }

    private static Case strace(String line, Syscall call) {
        return new Case(line, call);
    }

    static Stream<Case> socketcalls() {
        return Stream.of(
                strace(
                        "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
                        call("socketcall", 1, 0x56780000)
                                .memory(0x56780000, "020000000100000000000000")
                                .returns(3)),
                strace(
                        "bind(3, {sa_family=AF_INET, sin_port=htons(8080),"
                                + " sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                        call("socketcall", 2, 0x56780030)
                                .memory(0x56780030, "030000002000785610000000")
                                .memory(0x56780020, "02001f907f0000010000000000000000")
                                .returns(0)),
                strace(
                        "connect(4, {sa_family=AF_UNIX, sun_path=\"/nonexistent.sock\"}, 110) ="
                                + " -1 ENOENT (No such file or directory)",
                        call("socketcall", 3, 0x56780150)
                                .memory(0x56780150, "04000000e00078566e000000")
                                .memory(0x567800e0, "0100" + cstring("/nonexistent.sock", 108))
                                .fails("ENOENT")),
                strace(
                        "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
                        call("socketcall", 14, 0x56780060)
                                .memory(0x56780060, "0300000001000000020000005000785604000000")
                                .memory(0x56780050, "01000000")
                                .returns(0)),
                strace(
                        "getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0",
                        call("socketcall", 15, 0x567800a0)
                                .memory(0x567800a0, "0300000001000000030000008000785690007856")
                                .memory(0x56780080, "00000000")
                                .memory(0x56780090, "04000000")
                                .writes(0x56780080, "01000000")
                                .returns(0)),
                strace(
                        "accept4(3, NULL, NULL, SOCK_NONBLOCK)   = -1 EINVAL (Invalid argument)",
                        call("socketcall", 18, 0x567800c0)
                                .memory(0x567800c0, "03000000000000000000000000080000")
                                .fails("EINVAL")),
                strace(
                        "sendto(5, \"hello\", 5, MSG_DONTWAIT, NULL, 0) = 5",
                        call("socketcall", 11, 0x56780180)
                                .memory(
                                        0x56780180,
                                        "050000007001785605000000400000000000000000000000")
                                .memory(0x56780170, cstring("hello", 6))
                                .returns(5)),
                strace(
                        "recvfrom(6, \"hello\", 16, 0, NULL, NULL) = 5",
                        call("socketcall", 12, 0x567801b0)
                                .memory(
                                        0x567801b0,
                                        "06000000a001785610000000000000000000000000000000")
                                .memory(0x567801a0, "00".repeat(16))
                                .writes(0x567801a0, "68656c6c6f")
                                .returns(5)),
                strace(
                        "sendmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"msg\","
                                + " iov_len=3}], msg_iovlen=1, msg_controllen=0, msg_flags=0},"
                                + " 0) = 3",
                        call("socketcall", 16, 0x56780210)
                                .memory(0x56780210, "05000000f001785600000000")
                                .memory(
                                        0x567801f0,
                                        "0000000000000000d0017856010000000000000000000000"
                                                + "00000000")
                                .memory(0x567801d0, "e001785603000000")
                                .memory(0x567801e0, cstring("msg", 4))
                                .returns(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("socketcalls")
    void socketcallIsPrintedAsTheCallItCarries(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    static Stream<Case> socketcallsCarryingNothing() {
        return Stream.of(
                strace(
                        "socketcall(99, NULL)                    = -1 EINVAL (Invalid argument)",
                        call("socketcall", 99, 0).fails("EINVAL")),
                strace(
                        "socketcall(SYS_BIND, 0x1)               = -1 EFAULT (Bad address)",
                        call("socketcall", 2, 1).fails("EFAULT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("socketcallsCarryingNothing")
    void socketcallWithAnUnknownCallOrUnreadableArgumentsIsPrintedAsItself(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    static Stream<Case> wideValues() {
        return Stream.of(
                strace(
                        "pread64(7, \"lve \", 4, 3)                = 4",
                        call("pread64", 7, 0x56780230, 4, 3, 0)
                                .memory(0x56780230, "00".repeat(16))
                                .writes(0x56780230, "6c766520")
                                .returns(4)),
                strace(
                        "pwrite64(7, \"xy\", 2, 4294967297)        = -1 EFBIG (File too large)",
                        call("pwrite64", 7, 0x56780240, 2, 1, 1)
                                .memory(0x56780240, "787900")
                                .fails("EFBIG")),
                strace(
                        "ftruncate64(7, 305419896)               = 0",
                        call("ftruncate64", 7, 0x12345678, 0).returns(0)),
                strace(
                        "fadvise64_64(7, 1, 2, POSIX_FADV_SEQUENTIAL) = 0",
                        call("fadvise64_64", 7, 1, 0, 2, 0, 2).returns(0)),
                strace(
                        "fallocate(7, FALLOC_FL_KEEP_SIZE, 4294967296, 4096) = 0",
                        call("fallocate", 7, 1, 0, 1, 0x1000, 0).returns(0)),
                strace(
                        "sync_file_range(7, 4096, 4294967296,"
                                + " SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE) = 0",
                        call("sync_file_range", 7, 0x1000, 0, 0, 1, 3).returns(0)),
                strace(
                        "_llseek(7, 4294967296, [4294967296], SEEK_SET) = 0",
                        call("_llseek", 7, 1, 0, 0x56780250, 0)
                                .memory(0x56780250, "0000000000000000")
                                .writes(0x56780250, "0000000001000000")
                                .returns(0)),
                strace(
                        "_llseek(7, -2, [4294967294], SEEK_CUR)  = 0",
                        call("_llseek", 7, 0xffffffffL, 0xfffffffeL, 0x56780250, 1)
                                .memory(0x56780250, "0000000001000000")
                                .writes(0x56780250, "feffffff00000000")
                                .returns(0)),
                strace(
                        "fcntl64(7, F_SETLK64, {l_type=F_WRLCK, l_whence=SEEK_SET,"
                                + " l_start=4294967296, l_len=10}) = 0",
                        call("fcntl64", 7, 0xd, 0x56780260)
                                .memory(
                                        0x56780260,
                                        "0100000000000000010000000a0000000000000000000000")
                                .returns(0)),
                strace(
                        "sendfile64(8, 7, [2] => [6], 4)         = 4",
                        call("sendfile64", 8, 7, 0x56780280, 4)
                                .memory(0x56780280, "0200000000000000")
                                .writes(0x56780280, "0600000000000000")
                                .returns(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wideValues")
    void sixtyFourBitValuesSpanTwoWordsOrAreReadFromMemory(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    /**
     * What fstat64 wrote for a 12-byte file.txt of mode 0640 (i386's struct stat64: st_mode at 16,
     * st_size at 44, 96 bytes).
     */
    private static final String FSTAT64_OF_FILE_TXT =
            "00fe00000000000000000000f5c72000a081000001000000"
                    + "00000000000000000000000000000000000000000c000000"
                    + "00000000001000001000000000000000032a146b8c5e7323"
                    + "032a146b8c5e7323032a146b8c5e7323f5c7200000000000";

    /** What stat64 wrote for /dev/null (st_rdev at 32). */
    private static final String STAT64_OF_DEV_NULL =
            "06000000000000000000000003000000b621000001000000"
                    + "000000000000000003010000000000000000000000000000"
                    + "0000000000100000000000000000000033ec126b8a36402d"
                    + "33ec126b8a36402d33ec126b8a36402d0300000000000000";

    static Stream<Case> structs() {
        return Stream.of(
                strace(
                        "fstat64(7, {st_mode=S_IFREG|0640, st_size=12, ...}) = 0",
                        call("fstat64", 7, 0x567802a0)
                                .memory(0x567802a0, "00".repeat(96))
                                .writes(0x567802a0, FSTAT64_OF_FILE_TXT)
                                .returns(0)),
                strace(
                        "stat64(\"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3),"
                                + " ...}) = 0",
                        call("stat64", 0x56780300, 0x567802a0)
                                .memory(0x56780300, cstring("/dev/null", 10))
                                .memory(0x567802a0, FSTAT64_OF_FILE_TXT)
                                .writes(0x567802a0, STAT64_OF_DEV_NULL)
                                .returns(0)),
                strace(
                        "statfs64(\"/proc\", 84, {f_type=PROC_SUPER_MAGIC, f_bsize=4096,"
                                + " f_blocks=0, f_bfree=0, f_bavail=0, f_files=0, f_ffree=0,"
                                + " f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096,"
                                + " f_flags=ST_VALID|ST_RELATIME}) = 0",
                        call("statfs64", 0x567803c0, 84, 0x567803d0)
                                .memory(0x567803c0, cstring("/proc", 6))
                                .memory(0x567803d0, "00".repeat(84))
                                .writes(
                                        0x567803d0,
                                        "a09f00000010000000000000000000000000000000000000"
                                                + "000000000000000000000000000000000000000000000000"
                                                + "1500000000000000ff000000001000002010000000000000"
                                                + "000000000000000000000000")
                                .returns(0)),
                strace(
                        "setitimer(ITIMER_VIRTUAL, {it_interval={tv_sec=0, tv_usec=0},"
                                + " it_value={tv_sec=100000, tv_usec=0}}, {it_interval={tv_sec=0,"
                                + " tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}) = 0",
                        call("setitimer", 1, 0x56780430, 0x56780440)
                                .memory(0x56780430, "0000000000000000a086010000000000")
                                .memory(0x56780440, "00".repeat(16))
                                .returns(0)),
                strace(
                        "rt_sigaction(SIGUSR1, {sa_handler=0x8049731, sa_mask=[INT RT_4],"
                                + " sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x8049000}, NULL,"
                                + " 8) = 0",
                        call("rt_sigaction", 10, 0x56780450, 0, 8)
                                .memory(0x56780450, "3197040800000014009004080200000008000000")
                                .returns(0)),
                strace(
                        "rt_sigaction(SIGUSR1, NULL, {sa_handler=0x8049731, sa_mask=[INT RT_4],"
                                + " sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x8049000}, 8) = 0",
                        call("rt_sigaction", 10, 0, 0x56780470, 8)
                                .memory(0x56780470, "00".repeat(20))
                                .writes(0x56780470, "3197040800000014009004080200000008000000")
                                .returns(0)),
                strace(
                        "rt_sigaction(SIGUSR1, {sa_handler=0x8049731, sa_mask=[INT RT_4],"
                                + " sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x8049000}, NULL,"
                                + " 16) = -1 EINVAL (Invalid argument)",
                        call("rt_sigaction", 10, 0x56780450, 0, 16)
                                .memory(0x56780450, "3197040800000014009004080200000008000000")
                                .fails("EINVAL")),
                strace(
                        "ugetrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM_INFINITY}) ="
                                + " 0",
                        call("ugetrlimit", 3, 0x567804a0)
                                .memory(0x567804a0, "00".repeat(8))
                                .writes(0x567804a0, "00008000ffffffff")
                                .returns(0)),
                strace(
                        "getrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=2147483647}) = 0",
                        call("getrlimit", 3, 0x567804a0)
                                .memory(0x567804a0, "00008000ffffffff")
                                .writes(0x567804a0, "00008000ffffff7f")
                                .returns(0)),
                strace(
                        "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024,"
                                + " rlim_max=RLIM64_INFINITY}) = 0",
                        call("prlimit64", 0, 3, 0, 0x567804b0)
                                .memory(0x567804b0, "00".repeat(16))
                                .writes(0x567804b0, "0000800000000000ffffffffffffffff")
                                .returns(0)),
                strace(
                        "setrlimit(RLIMIT_CORE, {rlim_cur=1024, rlim_max=RLIM_INFINITY}) = 0",
                        call("setrlimit", 4, 0x567804c0)
                                .memory(0x567804c0, "00040000ffffffff")
                                .returns(0)),
                strace(
                        "set_thread_area({entry_number=-1, base_addr=0x001000, limit=0x0fffff,"
                                + " seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1,"
                                + " seg_not_present=0, useable=1}) = 0 (entry_number=13)",
                        call("set_thread_area", 0x567804f0)
                                .memory(0x567804f0, "ffffffff00100000ffff0f0051000000")
                                .writes(0x567804f0, "0d000000")
                                .returns(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void structsHaveTheirThirtyTwoBitLayout(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    static Stream<Case> times() {
        return Stream.of(
                strace(
                        "nanosleep({tv_sec=0, tv_nsec=1}, 0x56780320) = 0",
                        call("nanosleep", 0x56780310, 0x56780320)
                                .memory(0x56780310, "0000000001000000")
                                .memory(0x56780320, "0000000000000000")
                                .returns(0)),
                strace(
                        "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1}, NULL) = 0",
                        call("clock_nanosleep", 1, 0, 0x56780310, 0)
                                .memory(0x56780310, "0000000001000000")
                                .returns(0)),
                strace(
                        "clock_nanosleep_time64(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1},"
                                + " 0x56780340) = 0",
                        call("clock_nanosleep_time64", 1, 0, 0x56780330, 0x56780340)
                                .memory(0x56780330, "00000000000000000100000000000000")
                                .memory(0x56780340, "010000000000000000ca9a3b00000000")
                                .returns(0)),
                strace(
                        "clock_settime64(CLOCK_REALTIME, {tv_sec=1, tv_nsec=1000000000}) = -1"
                                + " EINVAL (Invalid argument)",
                        call("clock_settime64", 0, 0x56780340)
                                .memory(0x56780340, "010000000000000000ca9a3b00000000")
                                .fails("EINVAL")),
                strace(
                        "clock_settime64(CLOCK_MONOTONIC, {tv_sec=4294967296, tv_nsec=0}) = -1"
                                + " EINVAL (Invalid argument)",
                        call("clock_settime64", 1, 0x56780350)
                                .memory(0x56780350, "00000000010000000000000000000000")
                                .fails("EINVAL")),
                strace(
                        "clock_getres_time64(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0",
                        call("clock_getres_time64", 1, 0x56780330)
                                .memory(0x56780330, "00000000000000000100000000000000")
                                .writes(0x56780330, "00000000000000000100000000000000")
                                .returns(0)),
                strace(
                        "timerfd_settime64(9, 0, {it_interval={tv_sec=0, tv_nsec=0},"
                                + " it_value={tv_sec=100000, tv_nsec=0}}, NULL) = 0",
                        call("timerfd_settime64", 9, 0, 0x56780360, 0)
                                .memory(
                                        0x56780360,
                                        "0000000000000000" // it_interval
                                                + "0000000000000000"
                                                + "a086010000000000" // it_value
                                                + "0000000000000000")
                                .returns(0)),
                strace(
                        "timerfd_settime64(9, TFD_TIMER_ABSTIME, {it_interval={tv_sec=0,"
                                + " tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}},"
                                + " {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0,"
                                + " tv_nsec=0}}) = 0",
                        call("timerfd_settime64", 9, 1, 0x56780380, 0x567803a0)
                                .memory(0x56780380, "00".repeat(32))
                                .memory(0x567803a0, "00".repeat(32))
                                .returns(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void timesAreThirtyTwoBitButSixtyFourBitInTheTime64Calls(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    /**
     * The *_time64 calls that take the non-time64 calls' arguments with a {@code struct
     * __kernel_timespec} (16 bytes: 64-bit tv_sec and tv_nsec) in place of i386's 8-byte timespec;
     * strace 6.1 prints them as their non-time64 calls (src/poll.c, src/net.c, src/signal.c,
     * src/futex.c: the same decoder with print_timespec64), so the expected lines follow strace
     * 6.1's tests/ppoll.c, tests/recvmmsg-timeout.c, tests/rt_sigtimedwait.c and tests/futex.c.
     */
    static Stream<Case> time64Calls() {
        return Stream.of(
                strace(
                        "ppoll_time64([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2,"
                                + " {tv_sec=42, tv_nsec=999999999}, [USR2 CHLD], 8) = 1"
                                + " ([{fd=4, revents=POLLOUT}], left {tv_sec=41,"
                                + " tv_nsec=999000000})",
                        call("ppoll_time64", 0x56780000, 2, 0x56780020, 0x56780040, 8)
                                .memory(0x56780000, "03000000010000000400000004000000")
                                .memory(0x56780020, "2a00000000000000ffc99a3b00000000")
                                .memory(0x56780040, "0008010000000000")
                                .writes(0x5678000e, "0400")
                                .writes(0x56780020, "2900000000000000c0878b3b00000000")
                                .returns(1)),
                strace(
                        "ppoll_time64(NULL, 0, {tv_sec=4294967296, tv_nsec=0}, NULL, 8) = 0"
                                + " (Timeout)",
                        call("ppoll_time64", 0, 0, 0x56780020, 0, 8)
                                .memory(0x56780020, "00000000010000000000000000000000")
                                .returns(0)),
                strace(
                        "ppoll_time64(NULL, 0, {tv_sec=-1, tv_nsec=0}, NULL, 8) = -1 EINVAL"
                                + " (Invalid argument)",
                        call("ppoll_time64", 0, 0, 0x56780020, 0, 8)
                                .memory(0x56780020, "ffffffffffffffff0000000000000000")
                                .fails("EINVAL")),
                strace(
                        "recvmmsg_time64(-1, 0x56780200, 1, 0, {tv_sec=0, tv_nsec=12345678}) ="
                                + " -1 EBADF (Bad file descriptor)",
                        call("recvmmsg_time64", 0xffffffffL, 0x56780200, 1, 0, 0x56780260)
                                .memory(0x56780200, "00".repeat(32))
                                .memory(0x56780260, "00000000000000004e61bc0000000000")
                                .fails("EBADF")),
                strace(
                        "recvmmsg_time64(3, [{msg_hdr={msg_name=NULL, msg_namelen=0,"
                                + " msg_iov=[{iov_base=\"A\", iov_len=1}], msg_iovlen=1,"
                                + " msg_controllen=0, msg_flags=0}, msg_len=1}], 1, 0,"
                                + " {tv_sec=0, tv_nsec=12345678}) = 1 (left {tv_sec=0,"
                                + " tv_nsec=12340000})",
                        call("recvmmsg_time64", 3, 0x56780200, 1, 0, 0x56780260)
                                .memory(
                                        0x56780200,
                                        "000000000000000040027856010000000000000000000000"
                                                + "0000000000000000")
                                .memory(0x56780240, "5002785601000000")
                                .memory(0x56780250, "00")
                                .memory(0x56780260, "00000000000000004e61bc0000000000")
                                .writes(0x5678021c, "01000000")
                                .writes(0x56780250, "41")
                                .writes(0x56780260, "0000000000000000204bbc0000000000")
                                .returns(1)),
                strace(
                        "rt_sigtimedwait_time64([USR1], NULL, {tv_sec=0, tv_nsec=1000000}, 8) ="
                                + " -1 EAGAIN (Resource temporarily unavailable)",
                        call("rt_sigtimedwait_time64", 0x56780300, 0, 0x56780310, 8)
                                .memory(0x56780300, "0002000000000000")
                                .memory(0x56780310, "000000000000000040420f0000000000")
                                .fails("EAGAIN")),
                strace(
                        "rt_sigtimedwait_time64([HUP], {si_signo=SIGHUP, si_code=SI_TKILL,"
                                + " si_pid=12345, si_uid=1000}, {tv_sec=4294967297,"
                                + " tv_nsec=0}, 8) = 1 (SIGHUP)",
                        call("rt_sigtimedwait_time64", 0x56780300, 0x56780380, 0x56780310, 8)
                                .memory(0x56780300, "0100000000000000")
                                .memory(0x56780310, "01000000010000000000000000000000")
                                .memory(0x56780380, "00".repeat(128))
                                .writes(0x56780380, "0100000000000000faffffff39300000e8030000")
                                .returns(1)),
                strace(
                        "futex_time64(0x56780100, FUTEX_WAIT_PRIVATE, 1, {tv_sec=0,"
                                + " tv_nsec=1000}) = -1 EAGAIN (Resource temporarily"
                                + " unavailable)",
                        call("futex_time64", 0x56780100, 0x80, 1, 0x56780110, 0, 0)
                                .memory(0x56780100, "02000000")
                                .memory(0x56780110, "0000000000000000e803000000000000")
                                .fails("EAGAIN")),
                strace(
                        "futex_time64(0x56780100, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 1,"
                                + " {tv_sec=4294967296, tv_nsec=0}, FUTEX_BITSET_MATCH_ANY) ="
                                + " -1 EAGAIN (Resource temporarily unavailable)",
                        call("futex_time64", 0x56780100, 0x109, 1, 0x56780110, 0, 0xffffffffL)
                                .memory(0x56780100, "02000000")
                                .memory(0x56780110, "00000000010000000000000000000000")
                                .fails("EAGAIN")),
                strace(
                        "futex_time64(0x56780100, FUTEX_LOCK_PI_PRIVATE, {tv_sec=1,"
                                + " tv_nsec=0}) = -1 ETIMEDOUT (Connection timed out)",
                        call("futex_time64", 0x56780100, 0x86, 0, 0x56780110, 0, 0)
                                .memory(0x56780100, "02000000")
                                .memory(0x56780110, "01000000000000000000000000000000")
                                .fails("ETIMEDOUT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("time64Calls")
    void time64CallsAreTheirNonTime64CallsWithSixtyFourBitTimespecs(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    /**
     * The old signal calls, whose masks are one 32-bit word ({@code old_sigset_t}) in a register or
     * in memory and whose sigaction takes a {@code struct old_sigaction} (handler, mask, flags,
     * restorer: four words); the expected lines are strace 6.1's tests/sigaction.c, tests/signal.c,
     * tests/sxetmask.c, tests/sigprocmask.c, tests/sigpending.c and tests/sigsuspend.c (the
     * decoders: src/signal.c).
     */
    static Stream<Case> oldSignalCalls() {
        return Stream.of(
                strace(
                        "sigaction(SIGUSR1, NULL, NULL)          = 0",
                        call("sigaction", 10, 0, 0).returns(0)),
                strace(
                        "sigaction(SIGUSR1, 0x56780ff0, NULL)    = -1 EFAULT (Bad address)",
                        call("sigaction", 10, 0x56780ff0, 0).fails("EFAULT")),
                strace(
                        "sigaction(SIGUSR1, NULL, 0x56780010)    = -1 EFAULT (Bad address)",
                        call("sigaction", 10, 0, 0x56780010)
                                .memory(0x56780010, "00".repeat(16))
                                .fails("EFAULT")),
                strace(
                        "sigaction(233811181, NULL, NULL)        = -1 EINVAL (Invalid argument)",
                        call("sigaction", 0xdefaced, 0, 0).fails("EINVAL")),
                strace(
                        "sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=[HUP INT],"
                                + " sa_flags=SA_SIGINFO}, {sa_handler=SIG_DFL, sa_mask=[],"
                                + " sa_flags=0}) = 0",
                        call("sigaction", 10, 0x56780000, 0x56780010)
                                .memory(0x56780000, "01000000030000000400000000000000")
                                .memory(0x56780010, "ff".repeat(16))
                                .writes(0x56780010, "00".repeat(16))
                                .returns(0)),
                strace(
                        "sigaction(SIGUSR1, {sa_handler=0xdefaced, sa_mask=~[HUP],"
                                + " sa_flags=SA_RESTORER, sa_restorer=0xcafef00d},"
                                + " {sa_handler=0xdefaced, sa_mask=[QUIT TERM],"
                                + " sa_flags=SA_ONSTACK|SA_RESTART}) = 0",
                        call("sigaction", 10, 0x56780000, 0x56780010)
                                .memory(0x56780000, "edacef0dfeffffff000000040df0feca")
                                .memory(0x56780010, "00".repeat(16))
                                .writes(0x56780010, "edacef0d044000000000001800000000")
                                .returns(0)),
                strace(
                        "signal(SIGUSR1, SIG_IGN)                = 0 (SIG_DFL)",
                        call("signal", 10, 1).returns(0)),
                strace(
                        "signal(SIGUSR1, SIG_DFL)                = 0x1 (SIG_IGN)",
                        call("signal", 10, 0).returns(1)),
                strace(
                        "signal(SIGUSR2, 0x8049731)              = 0x8049000",
                        call("signal", 12, 0x8049731).returns(0x8049000)),
                strace(
                        "signal(SIGKILL, SIG_IGN)                = -1 EINVAL (Invalid argument)",
                        call("signal", 9, 1).fails("EINVAL")),
                strace(
                        "ssetmask([USR1 USR2])                   = 0x200 (old mask [USR1])",
                        call("ssetmask", 0xa00).returns(0x200)),
                strace(
                        "sgetmask()                              = 0xa00 (mask [USR1 USR2])",
                        call("sgetmask").returns(0xa00)),
                strace(
                        "sgetmask()                              = 0 (mask [])",
                        call("sgetmask").returns(0)),
                strace(
                        "sigprocmask(SIG_SETMASK, NULL, NULL)    = 0",
                        call("sigprocmask", 2, 0, 0).returns(0)),
                strace(
                        "sigprocmask(SIG_UNBLOCK, ~[], [])       = 0",
                        call("sigprocmask", 1, 0x56780000, 0x56780010)
                                .memory(0x56780000, "ffffffff")
                                .memory(0x56780010, "ffffffff")
                                .writes(0x56780010, "00000000")
                                .returns(0)),
                strace(
                        "sigprocmask(SIG_UNBLOCK, ~[HUP KILL], [HUP]) = 0",
                        call("sigprocmask", 1, 0x56780000, 0x56780010)
                                .memory(0x56780000, "fefeffff")
                                .memory(0x56780010, "00000000")
                                .writes(0x56780010, "01000000")
                                .returns(0)),
                strace(
                        "sigprocmask(SIG_BLOCK, [HUP INT QUIT ALRM TERM], [HUP]) = 0",
                        call("sigprocmask", 0, 0x56780000, 0x56780010)
                                .memory(0x56780000, "07600000")
                                .memory(0x56780010, "00000000")
                                .writes(0x56780010, "01000000")
                                .returns(0)),
                strace(
                        "sigprocmask(SIG_UNBLOCK, 0x56780ff0, NULL) = -1 EFAULT (Bad address)",
                        call("sigprocmask", 1, 0x56780ff0, 0).fails("EFAULT")),
                strace(
                        "sigprocmask(SIG_SETMASK, NULL, 0x56780010) = -1 EFAULT (Bad address)",
                        call("sigprocmask", 2, 0, 0x56780010)
                                .memory(0x56780010, "00000000")
                                .fails("EFAULT")),
                strace(
                        "sigpending([])                          = 0",
                        call("sigpending", 0x56780010)
                                .memory(0x56780010, "ffffffff")
                                .writes(0x56780010, "00000000")
                                .returns(0)),
                strace(
                        "sigpending([HUP INT])                   = 0",
                        call("sigpending", 0x56780010)
                                .memory(0x56780010, "00000000")
                                .writes(0x56780010, "03000000")
                                .returns(0)),
                strace(
                        "sigpending(0x56780ff0)                  = -1 EFAULT (Bad address)",
                        call("sigpending", 0x56780ff0).fails("EFAULT")),
                strace(
                        "sigsuspend(~[USR1])                     = ? ERESTARTNOHAND (To be"
                                + " restarted if no handler)",
                        call("sigsuspend", 0, 0, 0xfffffdffL).fails(514)),
                strace(
                        "sigsuspend([])                          = -1 EINTR (Interrupted system"
                                + " call)",
                        call("sigsuspend", 0, 0, 0).fails("EINTR")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oldSignalCalls")
    void oldSignalCallsHaveOneWordMasks(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    /** What oldstat wrote for a 12-byte file.txt of mode 0644 (struct __old_kernel_stat). */
    private static final String OLD_STAT_OF_FILE_TXT =
            "0108d204a4810100e803e80300000000" + "0c000000" + "00000000".repeat(3);

    /** What oldlstat wrote for /dev/null: st_rdev at 12. */
    private static final String OLD_STAT_OF_DEV_NULL =
            "0600d204b6210100000000000301000000000000" + "00000000".repeat(3);

    /** tests/readdir.c's file name: 127 "A\\n" and a Z, 255 bytes. */
    private static final String LONG_NAME = "A\\n".repeat(127) + "Z";

    /**
     * The other old calls: oldstat, oldlstat and oldfstat with their {@code struct
     * __old_kernel_stat} (32 bytes: seven 16-bit fields, then size and the three times as 32-bit
     * words from offset 16), readdir's {@code struct old_linux_dirent} (d_ino, d_off, a 16-bit name
     * length and the name), stime (strace's time decoder), uselib (as chdir), nice (printargs_d),
     * and the calls strace 6.1 prints as printargs (src/syscall_dummy.h), with the argument counts
     * of its src/linux/i386/syscallent.h. Expected lines: strace 6.1's tests/oldstat.c,
     * tests/oldlstat.c and tests/oldfstat.c (their print_stat in tests/xstatx.c: st_blksize=0,
     * st_blocks=0 and no nanoseconds for the old struct), tests/readdir.c, tests/vhangup.c, and
     * src/oldstat.c, src/dirent.c, src/print_time.c for the others.
     */
    static Stream<Case> otherOldCalls() {
        return Stream.of(
                strace(
                        "oldstat(\"file.txt\", {st_mode=S_IFREG|0644, st_size=12, ...}) = 0",
                        call("oldstat", 0x56780000, 0x56780040)
                                .memory(0x56780000, cstring("file.txt", 9))
                                .memory(0x56780040, "00".repeat(32))
                                .writes(0x56780040, OLD_STAT_OF_FILE_TXT)
                                .returns(0)),
                strace(
                        "oldlstat(\"/dev/null\", {st_mode=S_IFCHR|0666,"
                                + " st_rdev=makedev(0x1, 0x3), ...}) = 0",
                        call("oldlstat", 0x56780000, 0x56780040)
                                .memory(0x56780000, cstring("/dev/null", 10))
                                .memory(0x56780040, "00".repeat(32))
                                .writes(0x56780040, OLD_STAT_OF_DEV_NULL)
                                .returns(0)),
                strace(
                        "oldstat(\"nonexistent\", 0x56780040)      = -1 ENOENT (No such file or"
                                + " directory)",
                        call("oldstat", 0x56780000, 0x56780040)
                                .memory(0x56780000, cstring("nonexistent", 12))
                                .memory(0x56780040, "00".repeat(32))
                                .fails("ENOENT")),
                strace(
                        "oldfstat(7, 0x56780ff0)                 = -1 EFAULT (Bad address)",
                        call("oldfstat", 7, 0x56780ff0).fails("EFAULT")),
                strace(
                        "oldfstat(7, {st_dev=makedev(0x8, 0x1), st_ino=1234,"
                                + " st_mode=S_IFREG|0644, st_nlink=1, st_uid=1000, st_gid=1000,"
                                + " st_blksize=0, st_blocks=0, st_size=12, st_atime=0,"
                                + " st_mtime=0, st_ctime=0}) = 0",
                        call("oldfstat", 7, 0x56780040)
                                .memory(0x56780040, "00".repeat(32))
                                .writes(0x56780040, OLD_STAT_OF_FILE_TXT)
                                .verbose()
                                .returns(0)),
                strace(
                        "readdir(0, {d_ino=1234, d_off=1, d_reclen=4, d_name=\"file\"}) = 1",
                        call("readdir", 0, 0x56780100, 1)
                                .memory(0x56780100, "00".repeat(300))
                                .writes(0x56780100, "d2040000010000000400" + cstring("file", 5))
                                .returns(1)),
                strace(
                        "readdir(0, {d_ino=1235, d_off=2, d_reclen=255, d_name=\""
                                + LONG_NAME
                                + "\"}) = 1",
                        call("readdir", 0, 0x56780100, 1)
                                .memory(0x56780100, "00".repeat(300))
                                .writes(
                                        0x56780100,
                                        "d304000002000000ff00"
                                                + "410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a410a5a00")
                                .returns(1)),
                strace(
                        "readdir(0, 0x56780100)                  = 0",
                        call("readdir", 0, 0x56780100, 1)
                                .memory(0x56780100, "00".repeat(300))
                                .returns(0)),
                strace(
                        "readdir(99, 0x56780100, 2)              = -1 EBADF (Bad file"
                                + " descriptor)",
                        call("readdir", 99, 0x56780100, 2)
                                .memory(0x56780100, "00".repeat(300))
                                .fails("EBADF")),
                strace(
                        "stime(0x56780200)                       = -1 EPERM (Operation not"
                                + " permitted)",
                        call("stime", 0x56780200).memory(0x56780200, "00f15365").fails("EPERM")),
                strace(
                        "stime([0])                              = 0",
                        call("stime", 0x56780200).memory(0x56780200, "00000000").returns(0)),
                strace(
                        "uselib(\"/nonexistent\")                  = -1 ENOENT (No such file or"
                                + " directory)",
                        call("uselib", 0x56780000)
                                .memory(0x56780000, cstring("/nonexistent", 13))
                                .fails("ENOENT")),
                strace(
                        "nice(-5)                                = -1 EPERM (Operation not"
                                + " permitted)",
                        call("nice", 0xfffffffbL).fails("EPERM")),
                strace("nice(0)                                 = 0", call("nice", 0).returns(0)),
                strace(
                        "vhangup()                               = -1 EPERM (Operation not"
                                + " permitted)",
                        call("vhangup").fails("EPERM")),
                strace(
                        "idle()                                  = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("idle").fails("ENOSYS")),
                strace(
                        "break()                                 = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("break", 1, 2, 3).fails("ENOSYS")),
                strace(
                        "stty(0x1, 0x56780000)                   = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("stty", 1, 0x56780000).fails("ENOSYS")),
                strace(
                        "gtty(0, 0)                              = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("gtty", 0, 0).fails("ENOSYS")),
                strace(
                        "ftime()                                 = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("ftime", 0x56780000).fails("ENOSYS")),
                strace(
                        "prof()                                  = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("prof").fails("ENOSYS")),
                strace(
                        "lock()                                  = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("lock").fails("ENOSYS")),
                strace(
                        "mpx()                                   = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("mpx").fails("ENOSYS")),
                strace(
                        "ulimit(0x2, 0x400)                      = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("ulimit", 2, 0x400).fails("ENOSYS")),
                strace(
                        "profil(0x56780000, 0x100, 0, 0x1)       = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("profil", 0x56780000, 0x100, 0, 1).fails("ENOSYS")),
                strace(
                        "olduname(0x56780000)                    = 0",
                        call("olduname", 0x56780000).returns(0)),
                strace(
                        "oldolduname(0x56780000)                 = 0",
                        call("oldolduname", 0x56780000).returns(0)),
                strace(
                        "bdflush(0x1, 0)                         = -1 EPERM (Operation not"
                                + " permitted)",
                        call("bdflush", 1, 0).fails("EPERM")),
                strace(
                        "vm86old(0x56780000)                     = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("vm86old", 0x56780000).fails("ENOSYS")),
                strace(
                        "vm86(0x1, 0x56780000, 0, 0, 0)          = -1 ENOSYS (Function not"
                                + " implemented)",
                        call("vm86", 1, 0x56780000).fails("ENOSYS")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherOldCalls")
    void otherOldCallsAsStracePrintsThem(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    static Stream<Case> mmaps() {
        return Stream.of(
                strace(
                        "mmap2(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) ="
                                + " 0xf7ff4000",
                        call("mmap2", 0, 0x2000, 1, 0x22, 0xffffffffL, 0).returns(0xf7ff4000L)),
                strace(
                        "mmap2(NULL, 4096, PROT_READ, MAP_SHARED, 99, 0x3000) = -1 EBADF (Bad"
                                + " file descriptor)",
                        call("mmap2", 0, 0x1000, 1, 1, 0x63, 3).fails("EBADF")),
                strace(
                        "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"
                                + " = 0xf7ff2000",
                        call("mmap", 0x567804d0)
                                .memory(
                                        0x567804d0,
                                        "00000000002000000300000022000000ffffffff00000000")
                                .returns(0xf7ff2000L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mmaps")
    void mmap2CountsItsOffsetInPagesAndTheOldMmapReadsItsArgumentsFromMemory(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    static Stream<Case> badPointers() {
        return Stream.of(
                strace(
                        "stat64(\"file.txt\", 0x8)                 = -1 EFAULT (Bad address)",
                        call("stat64", 0x56780290, 8)
                                .memory(0x56780290, cstring("file.txt", 9))
                                .fails("EFAULT")),
                strace(
                        "stat64(\"file.txt\", NULL)                = -1 EFAULT (Bad address)",
                        call("stat64", 0x56780290, 0)
                                .memory(0x56780290, cstring("file.txt", 9))
                                .fails("EFAULT")),
                strace(
                        "_llseek(7, 0, 0x8, SEEK_END)            = -1 EFAULT (Bad address)",
                        call("_llseek", 7, 0, 0, 8, 2).fails("EFAULT")),
                strace(
                        "set_thread_area(NULL)                   = -1 EFAULT (Bad address)",
                        call("set_thread_area", 0).fails("EFAULT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPointers")
    void unreadableAndNullPointersArePrintedAsAddresses(Case c) {
        assertEquals(c.line(), c.call().line());
    }

    // ---- the recorded call, and the tracer's steps that turn it into a line ----

    private static Syscall call(String name, long... words) {
        return new Syscall(name, words);
    }

    /**
     * One system call of a 32-bit tracee as the tracer sees it: the number and argument words at
     * entry, the memory then, what the kernel wrote before returning, and the result.
     */
    static final class Syscall {
        private final String name;
        private final long[] words;
        private final Map<Long, byte[]> before = new TreeMap<>();
        private final Map<Long, byte[]> writes = new TreeMap<>();
        private long result;
        private boolean failed;
        private boolean verbose;

        Syscall(String name, long[] words) {
            this.name = name;
            this.words = words;
        }

        /** The tracee's bytes at {@code address} when the call starts. */
        Syscall memory(long address, String hex) {
            before.put(address, HexFormat.of().parseHex(hex));
            return this;
        }

        /** Bytes the kernel wrote at {@code address} (inside mapped memory) by the call's exit. */
        Syscall writes(long address, String hex) {
            writes.put(address, HexFormat.of().parseHex(hex));
            return this;
        }

        /** Traced with -v. */
        Syscall verbose() {
            verbose = true;
            return this;
        }

        Syscall returns(long value) {
            result = value;
            failed = false;
            return this;
        }

        Syscall fails(String errno) {
            return fails(I386.errnos().find(errno).orElseThrow());
        }

        /** Fails with errno {@code errno}: the kernel's own (ERESTARTNOHAND is 514) by number. */
        Syscall fails(long errno) {
            result = -errno;
            failed = true;
            return this;
        }

        /** What Tracer.entry and Tracer.exit do with the call, and TextOutput prints. */
        String line() {
            // The kernel's words: a 32-bit tracee's, zero-extended (PTRACE_GET_SYSCALL_INFO).
            long[] args = new long[6];
            for (int i = 0; i < words.length; i++) {
                args[i] = words[i] & 0xffff_ffffL;
            }
            RecordedMemory memory = new RecordedMemory();
            before.forEach(memory::map);
            long nr = I386.syscalls().number(name);
            String called = I386.syscalls().name(nr).orElseThrow();
            if (DECODERS.carries(called)) {
                Decoders.Carried carried = DECODERS.carried(I386, called, args, memory);
                if (carried != null) {
                    called = carried.name();
                    args = carried.args();
                }
            }
            assertTrue(DECODERS.has(called), called + " has a decoder");
            Decoder decoder = DECODERS.forName(called, 6);
            Call c = new Call(1234, I386, called, args, memory, verbose ? VERBOSE : SETTINGS);
            decoder.enter(c);
            c.entered();
            writes.forEach(memory::write);
            c.exited(result, failed);
            decoder.exit(c);
            // what the tracer reports (CallText), then TextOutput's padding to column 40
            String text = CallText.entry(c, decoder) + CallText.exit(c, decoder);
            text += text.length() < RESULT_COLUMN ? " ".repeat(RESULT_COLUMN - text.length()) : " ";
            return text + "= " + CallText.result(c, decoder);
        }
    }

    /**
     * A tracee's memory as recorded: byte arrays at the addresses they had; everything else reads
     * as unmapped (as a real tracee's memory at an address it has not mapped: nothing read, where
     * the kernel would answer EFAULT). Reads and strings stop where a region ends, as they stop at
     * the end of a mapping.
     */
    static final class RecordedMemory implements Memory {
        private final TreeMap<Long, byte[]> regions = new TreeMap<>();

        void map(long address, byte[] bytes) {
            regions.put(address, bytes.clone());
        }

        /** What the kernel wrote: into a region mapped before. */
        void write(long address, byte[] bytes) {
            Map.Entry<Long, byte[]> region = regions.floorEntry(address);
            int offset = region == null ? -1 : (int) (address - region.getKey());
            if (offset < 0 || offset + bytes.length > region.getValue().length) {
                throw new IllegalArgumentException(
                        "the kernel writes at 0x" + Long.toHexString(address) + ", not recorded");
            }
            System.arraycopy(bytes, 0, region.getValue(), offset, bytes.length);
        }

        /** The bytes readable from {@code address} to the end of its region; empty if unmapped. */
        private MemorySegment from(long address) {
            Map.Entry<Long, byte[]> region = regions.floorEntry(address);
            if (region == null || address - region.getKey() >= region.getValue().length) {
                return MemorySegment.ofArray(new byte[0]);
            }
            return MemorySegment.ofArray(region.getValue()).asSlice(address - region.getKey());
        }

        @Override
        public long read(long address, MemorySegment into) {
            MemorySegment readable = from(address);
            long n = Math.min(readable.byteSize(), into.byteSize());
            MemorySegment.copy(readable, 0, into, 0, n);
            return n;
        }

        @Override
        public byte[] bytes(long address, int length) {
            MemorySegment readable = from(address);
            return readable.byteSize() < length
                    ? null
                    : readable.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }

        /** As TraceeMemory.readString: up to the NUL within limit + 1 bytes, else limit bytes. */
        @Override
        public CString string(long address, int limit) {
            byte[] readable = from(address).toArray(ValueLayout.JAVA_BYTE);
            for (int i = 0; i < readable.length && i <= limit; i++) {
                if (readable[i] == 0) {
                    return new CString(Arrays.copyOf(readable, i), false);
                }
            }
            return readable.length > limit
                    ? new CString(Arrays.copyOf(readable, limit), true)
                    : null;
        }
    }

    /** {@code text} as a NUL-padded C char array of {@code size} bytes, in hex. */
    private static String cstring(String text, int size) {
        byte[] bytes = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), size);
        return HexFormat.of().formatHex(bytes);
    }
}
