package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network decoders against strace 6.1: each C program of {@code src/test/c/trace/net_*.c} runs
 * under both tracers, traced for its own calls only, and the lines must be equal byte for byte,
 * plain, with -y (descriptor paths) and with -s 8 (short strings and arrays); the calls that differ
 * on i386 (socketcall) run in a 32-bit static build.
 */
class NetDecodersIT {
    @TempDir Path dir;

    /** getpid: the programs call it so that the pids they print are normalized as pids. */
    private static final String SOCKETS =
            "socket,socketpair,bind,connect,listen,accept,accept4,getsockname,getpeername,sendto,"
                    + "recvfrom,shutdown,setsockopt,getsockopt,getpid";

    private static final String MESSAGES = "sendmsg,recvmsg,sendmmsg,recvmmsg,getpid";
    private static final String POLLS =
            "poll,ppoll,epoll_create,epoll_create1,epoll_ctl,epoll_wait,epoll_pwait,epoll_pwait2,"
                    + "eventfd,eventfd2";
    private static final String TABLES = SOCKETS + "," + MESSAGES + "," + POLLS;

    @Test
    void makesAndConnectsSockets() throws Exception {
        sameEveryWay("net_socket", SOCKETS);
    }

    @Test
    void sendsAndReceivesMessages() throws Exception {
        sameEveryWay("net_msg", MESSAGES);
    }

    @Test
    void waitsOnDescriptors() throws Exception {
        sameEveryWay("net_poll", POLLS);
    }

    @Test
    void namesWhatTheTablesName() throws Exception {
        Path program = StraceComparison.compile(dir, "net_tables", "gcc");
        same(program, List.of("-e", "trace=" + TABLES));
    }

    /**
     * i386's socketcall carries each call, printed as that call. send, recv and accept exist on
     * i386 only inside socketcall, and -e trace names them as strace allows.
     */
    @Test
    void aThirtyTwoBitProgramCallsThroughSocketcall() throws Exception {
        Path program = i386("net_i386");
        String calls =
                "socket,socketpair,bind,connect,listen,accept,accept4,getsockname,getpeername,"
                        + "send,recv,sendto,recvfrom,shutdown,setsockopt,getsockopt,sendmsg,recvmsg,"
                        + "?socketcall";
        same(program, List.of("-e", "trace=" + calls));
        same(program, List.of("-y", "-e", "trace=" + calls));
        same(program, List.of("-s", "8", "-e", "trace=" + calls));
    }

    /** The 32-bit layouts of msghdr, cmsghdr, mmsghdr, pollfd and epoll_event. */
    @Test
    void aThirtyTwoBitProgramSendsAndWaits() throws Exception {
        same(i386("net_msg"), List.of("-e", "trace=" + MESSAGES));
        same(i386("net_msg"), List.of("-y", "-s", "8", "-e", "trace=" + MESSAGES));
        String polls = POLLS.replace("epoll_pwait2", "?epoll_pwait2");
        same(i386("net_poll"), List.of("-e", "trace=" + polls));
    }

    private void sameEveryWay(String name, String calls) throws Exception {
        StraceComparison.sameEveryWay(
                dir, StraceComparison.compile(dir, name, "gcc"), calls, NetDecodersIT::comparable);
    }

    private Path i386(String name) throws Exception {
        return StraceComparison.compileI386(dir, name);
    }

    /** Both tracers on {@code program}, each in a new empty directory of the same name. */
    private void same(Path program, List<String> options) throws Exception {
        StraceComparison.sameInWorkDirectory(dir, program, options, NetDecodersIT::comparable);
    }

    /**
     * The normalized lines, with what differs from run to run however exact the decoding: the
     * ephemeral ports the kernel picks (htons(32768) and up; the programs' own ports are below
     * 1024), the inode numbers in -y's {@code socket:[1234]} and {@code pipe:[1234]}, and the port
     * id a netlink socket gets (its pid; the programs print it only after a traced getpid, but a
     * second netlink socket gets another id).
     */
    private static String comparable(String line) {
        return line.replaceAll("htons\\((3[2-9]\\d{3}|[4-6]\\d{4})\\)", "htons(PORT)")
                .replaceAll("(socket|pipe|anon_inode):\\[\\d+\\]", "$1:[INODE]")
                .replaceAll("nl_pid=-?[1-9]\\d*", "nl_pid=PORTID");
    }
}
