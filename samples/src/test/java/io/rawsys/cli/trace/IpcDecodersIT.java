package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.cli.RawsysJar;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IPC decoders against strace 6.1. System V IPC: {@code src/test/c/trace/ipc_sysv.c} makes each
 * call of semaphores, shared memory and message queues, working and refused, in an IPC namespace of
 * its own (so nothing outside it changes); it runs under both tracers, plain, with -y and with -s
 * 8, and the lines must be equal byte for byte once the kernel's times and the pids are replaced.
 * The i386 build makes the direct calls i386 has had since Linux 5.1 and then the C library's,
 * which go through the ipc(2) multiplexer and which both tracers print as the calls they carry.
 */
class IpcDecodersIT {
    @TempDir Path dir;

    private static final String CALLS =
            "semget,semop,semtimedop,semctl,shmget,shmat,shmdt,shmctl,msgget,msgsnd,msgrcv,msgctl";

    @Test
    void systemVIpcPrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "ipc_sysv", "gcc");
        assumeNamespace(program);
        StraceComparison.sameEveryWay(dir, program, CALLS, IpcDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramCallsThemDirectlyAndThroughIpc() throws Exception {
        Path program = StraceComparison.compileI386(dir, "ipc_sysv");
        assumeNamespace(program);
        StraceComparison.sameEveryWay(
                dir, program, CALLS + ",semtimedop_time64,ipc", IpcDecodersIT::comparable);
    }

    private static final String QUEUES =
            "mq_open,mq_unlink,mq_timedsend,mq_timedreceive,mq_notify,mq_getsetattr";

    @Test
    void posixMessageQueuesPrintAsStraceDoes() throws Exception {
        assumeQueues();
        Path program = StraceComparison.compile(dir, "ipc_mqueue", "gcc");
        assumeNamespace(program);
        StraceComparison.sameEveryWay(dir, program, QUEUES, IpcDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramUsesQueuesWithBothTimes() throws Exception {
        assumeQueues();
        Path program = StraceComparison.compileI386(dir, "ipc_mqueue");
        assumeNamespace(program);
        StraceComparison.sameEveryWay(
                dir,
                program,
                QUEUES + ",mq_timedsend_time64,mq_timedreceive_time64",
                IpcDecodersIT::comparable);
    }

    /** POSIX message queues are a kernel option (CONFIG_POSIX_MQUEUE): mq_unlink(NULL) asks. */
    static void assumeQueues() {
        assumeTrue(
                Syscalls.raw(Nr.mq_unlink, 0) != -Errno.ENOSYS,
                "this kernel has no POSIX message queues (mq_unlink: ENOSYS)");
    }

    /** The program exits with 77 where it cannot make an IPC namespace of its own. */
    static void assumeNamespace(Path program) throws Exception {
        RawsysJar.Run run = RawsysJar.run(new byte[0], List.of(program.toString()));
        assumeTrue(
                run.status() != 77,
                "no IPC namespace can be made here (unshare(CLONE_NEWIPC), also with a user"
                        + " namespace, refused): "
                        + run.both());
    }

    /**
     * The line with what the kernel stamps differently each run replaced: the times of the last
     * operations and changes, and the pids of the creator and last user (and GETPID's result).
     */
    static String comparable(String line) {
        return line.replaceAll("(_[a-z]?time)=[1-9]\\d*", "$1=TIME")
                .replaceAll("(shm_cpid|shm_lpid|msg_lspid|msg_lrpid)=[1-9]\\d*", "$1=PID")
                .replaceAll("(GETPID, (?:\\[NULL\\]|NULL)\\) += )\\d+", "$1PID");
    }
}
