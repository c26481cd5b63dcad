package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.cli.RawsysJar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoders of mounting, Landlock and the system administration calls against strace 6.1: each C
 * program of {@code src/test/c/trace/admin_*.c} runs under both tracers, traced for its own calls
 * only, and the lines must be equal byte for byte, plain, with -y (descriptor paths) and with -s 8
 * (short strings and arrays); then the same program built for i386, where layouts and calls differ.
 *
 * <p>None of the programs changes the machine: mounts are made in a mount namespace the program
 * creates (a user namespace too when it is not root) with every mount made private first; the calls
 * that would change the host (sethostname, swapon, reboot, init_module …) are made so the kernel
 * refuses them, or inside a namespace of the program's own. Each program says how at each such
 * call.
 */
class AdminDecodersIT {
    @TempDir Path dir;

    private static final String MOUNT =
            "mount,umount2,?umount,fsopen,fsconfig,fsmount,fspick,open_tree,move_mount,"
                    + "mount_setattr";

    @Test
    void mountingPrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "admin_mount", "gcc");
        assumeNamespaces(program);
        StraceComparison.sameEveryWay(dir, program, MOUNT, AdminDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramMounts() throws Exception {
        Path program = StraceComparison.compileI386(dir, "admin_mount");
        assumeNamespaces(program);
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-e", "trace=" + MOUNT), AdminDecodersIT::comparable);
        StraceComparison.sameInWorkDirectory(
                dir,
                program,
                List.of("-y", "-s", "8", "-e", "trace=" + MOUNT),
                AdminDecodersIT::comparable);
    }

    private static final String LANDLOCK =
            "landlock_create_ruleset,landlock_add_rule,landlock_restrict_self";

    /** With -f: only a forked child restricts itself. */
    @Test
    void landlockPrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "admin_landlock", "gcc");
        assumeLandlock(program);
        for (List<String> how : List.of(List.<String>of(), List.of("-y"), List.of("-s", "8"))) {
            List<String> options = new java.util.ArrayList<>(List.of("-f"));
            options.addAll(how);
            options.addAll(List.of("-e", "trace=" + LANDLOCK));
            StraceComparison.sameInWorkDirectory(
                    dir, program, options, AdminDecodersIT::comparable);
        }
    }

    @Test
    void aThirtyTwoBitProgramSandboxesAChild() throws Exception {
        Path program = StraceComparison.compileI386(dir, "admin_landlock");
        assumeLandlock(program);
        StraceComparison.sameInWorkDirectory(
                dir,
                program,
                List.of("-f", "-y", "-e", "trace=" + LANDLOCK),
                AdminDecodersIT::comparable);
    }

    /**
     * The administration calls (and mknod, mknodat, utimes, futimesat's edge cases): {@code ?} lets
     * both tracers accept a name the machine's own architecture lacks.
     */
    private static final String SYSTEM =
            "sethostname,setdomainname,getgroups,?getgroups32,setgroups,?setgroups32,acct,reboot,"
                    + "swapon,swapoff,syslog,init_module,finit_module,delete_module,kexec_load,"
                    + "?kexec_file_load,quotactl,quotactl_fd,?ustat,?_sysctl,?lookup_dcookie,iopl,"
                    + "ioperm,modify_ldt,?mknod,mknodat,?utimes,futimesat";

    @Test
    void administrationCallsPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "admin_sys", "gcc");
        assumeNamespaces(program);
        StraceComparison.sameEveryWay(dir, program, SYSTEM, AdminDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramAdministers() throws Exception {
        Path program = StraceComparison.compileI386(dir, "admin_sys");
        assumeNamespaces(program);
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-e", "trace=" + SYSTEM), AdminDecodersIT::comparable);
        StraceComparison.sameInWorkDirectory(
                dir,
                program,
                List.of("-y", "-s", "8", "-e", "trace=" + SYSTEM),
                AdminDecodersIT::comparable);
    }

    /** Skips, saying why, where the kernel has no Landlock (the program exits with 2 then). */
    private void assumeLandlock(Path program) throws Exception {
        assumeTrue(
                untraced(program).status() != 2,
                "this kernel has no Landlock: " + untraced(program).both());
    }

    private RawsysJar.Run untraced(Path program) throws Exception {
        Path work = dir.resolve("probe");
        StraceComparison.emptyDirectory(work);
        return RawsysJar.run(new byte[0], List.of(program.toString(), work.toString()));
    }

    /**
     * Skips, saying why, where the program cannot have the namespace it makes its changes in (a
     * mount or UTS namespace; it exits with 2 then): run once untraced, which changes nothing
     * outside that namespace.
     */
    private void assumeNamespaces(Path program) throws Exception {
        Path work = dir.resolve("probe");
        StraceComparison.emptyDirectory(work);
        RawsysJar.Run run =
                RawsysJar.run(new byte[0], List.of(program.toString(), work.toString()));
        assumeTrue(
                run.status() != 2,
                "the program cannot unshare the namespace it needs here: " + run.both());
    }

    /**
     * The normalized lines, with what differs from run to run however exact the decoding: the inode
     * numbers in -y's {@code pipe:[1234]}.
     */
    private static String comparable(String line) {
        return line.replaceAll("pipe:\\[\\d+\\]", "pipe:[INODE]");
    }
}
