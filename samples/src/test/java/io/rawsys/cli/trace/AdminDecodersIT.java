package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Arch;
import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.trace.StraceComparison.Trace;
import io.rawsys.testing.KernelSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoders of mounting, Landlock and the system administration calls against strace 6.1: each C
 * program of {@code src/test/c/trace/admin_*.c} runs under both tracers, traced for its own calls
 * only, and the lines must be equal byte for byte, plain, with -y (descriptor paths) and with -s 8
 * (short strings and arrays); then the same program built for i386, where layouts and calls differ.
 * The LSM calls (Linux 6.8), which strace 6.1 does not know, are held against strace 6.12's lines
 * instead, as {@link NewCallDecodersIT} holds the calls of Linux 6.5 to 6.10.
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
        StraceComparison.sameInWorkDirectory(
                dir, program, QUOTA_SUCCEEDS, AdminDecodersIT::comparable);
        StraceComparison.sameInWorkDirectory(
                dir, program, readersSucceed(READERS), AdminDecodersIT::comparable);
    }

    /**
     * quotactl made to succeed by injection (the kernel never sees the calls): what its commands
     * read back is printed from the buffers the program prefilled.
     */
    private static final List<String> QUOTA_SUCCEEDS =
            List.of("-e", "inject=quotactl:retval=0", "-e", "trace=quotactl");

    /**
     * The calls that print what the kernel wrote, made to return 3 by injection (the kernel never
     * sees them): the groups, the log, the path and the struct the program prefilled.
     */
    private static List<String> readersSucceed(String calls) {
        return List.of("-e", "inject=" + calls + ":retval=3", "-e", "trace=" + calls);
    }

    private static final String READERS = "ustat,lookup_dcookie,syslog,getgroups";

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
        StraceComparison.sameInWorkDirectory(
                dir, program, QUOTA_SUCCEEDS, AdminDecodersIT::comparable);
        StraceComparison.sameInWorkDirectory(
                dir,
                program,
                readersSucceed(READERS + ",getgroups32"),
                AdminDecodersIT::comparable);
    }

    /**
     * strace 6.12's lines for admin_lsm.c, {@code ${KEY}} standing for what the program printed.
     * strace 6.1 predates the calls (Linux 6.8), so these are written from strace 6.12's src/lsm.c
     * and tests/lsm_*.c at its v6.12 tag, and were checked against a strace 6.12 built from that
     * tag (the same lines, and on its own lsm_get_self_attr, lsm_list_modules and lsm_set_self_attr
     * tests, injected successes included) when they were written.
     */
    private static final String LSM_EXPECTED =
            """
            lsm_list_modules(${IDS}, [8 => ${NEED}], 0) = ${RC0}
            lsm_list_modules(${LIST}, [256 => ${SIZE1}], 0) = ${RC1}
            lsm_list_modules(NULL, NULL, 0) = -1 EFAULT (Bad address)
            lsm_list_modules(${IDS}, [256], 0x1) = -1 EINVAL (Invalid argument)
            lsm_get_self_attr(LSM_ATTR_CURRENT, ${BUF}, [${SIZES2}], 0) = ${RC2}
            lsm_get_self_attr(0xff /* LSM_ATTR_??? */, NULL, NULL, 0) = -1 EINVAL (Invalid argument)
            lsm_get_self_attr(LSM_ATTR_EXEC, {id=LSM_ID_LANDLOCK} => ${BUF}, [${SIZES3}], LSM_FLAG_SINGLE) = ${RC3}
            lsm_get_self_attr(LSM_ATTR_PREV, 0x8, [4], 0x2 /* LSM_FLAG_??? */) = -1 EINVAL (Invalid argument)
            lsm_set_self_attr(LSM_ATTR_CURRENT, {id=LSM_ID_APPARMOR, flags=0, len=40, ctx_len=8, ctx="\\x72\\x61\\x77\\x73\\x79\\x73\\x00\\x00"}, 40, 0x1) = -1 EINVAL (Invalid argument)
            lsm_set_self_attr(0xfacefeed /* LSM_ATTR_??? */, 0x8, 3, 0x10) = -1 EINVAL (Invalid argument)
            +++ exited with 0 +++
            """;

    @Test
    void lsmCallsPrintAsStrace612Does() throws Exception {
        assumeTrue(
                Arch.current().name().equals("x86_64"),
                "the program is built for this machine with x86 kernel headers");
        Path program =
                StraceComparison.compile(
                        dir,
                        "admin_lsm",
                        "gcc",
                        "-isystem",
                        KernelSource.headers("x86").toString(),
                        "-I",
                        Path.of("src/test/c/trace").toAbsolutePath().toString());
        assumeTrue(
                untraced(program).status() != 2,
                "this kernel has no lsm_list_modules (Linux 6.8+)");
        Trace trace =
                StraceComparison.rawsys(
                        dir,
                        List.of("-e", "trace=lsm_list_modules,lsm_get_self_attr,lsm_set_self_attr"),
                        List.of(program.toString()));
        assertEquals(0, trace.status(), trace.output());
        String expected = StraceComparison.filled(LSM_EXPECTED, trace);
        List<String> unpadded = trace.lines().stream().map(StraceComparison::unpadded).toList();
        assertEquals(expected.strip(), String.join("\n", unpadded));
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
