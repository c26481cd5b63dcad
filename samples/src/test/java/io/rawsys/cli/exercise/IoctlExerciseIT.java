package io.rawsys.cli.exercise;

import static io.rawsys.cli.RawsysJar.command;
import static io.rawsys.cli.RawsysJar.rawsys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.RawsysJar.Run;
import io.rawsys.linux.Ioctl;
import io.rawsys.testing.LoopDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exercise 3 from the jar, each request checked against the tool that makes it for a living. */
class IoctlExerciseIT {
    @TempDir Path dir;

    /** Runs a shell command line in a real pseudo-terminal, made by script(1). */
    static Run inPty(String shellCommand) throws Exception {
        return RawsysJar.run(new byte[0], List.of("script", "-qec", shellCommand, "/dev/null"));
    }

    static String jar(String... args) {
        return String.join(" ", command(args));
    }

    @Test
    void windowSizeInARealPtyIsWhatSttySays() throws Exception {
        Run run = inPty("stty rows 33 cols 101; " + jar("ioctl", "winsize") + "; stty size");
        assertEquals(0, run.status(), run.both());
        assertTrue(run.stdout().contains(": 33 rows, 101 columns"), run.both());
        assertTrue(run.stdout().contains("{ws_row=33, ws_col=101,"), run.both());
        assertTrue(run.stdout().contains("\n33 101"), run.both());
    }

    @Test
    void setWindowSizeIsWhatSttySaysAfterwards() throws Exception {
        Run run = inPty(jar("ioctl", "winsize", "--set", "40x120") + " >/dev/null; stty size");
        assertEquals(0, run.status(), run.both());
        assertEquals("40 120", run.stdout().strip(), run.both());
    }

    @Test
    void aPipeIsNoTerminal() throws Exception {
        Run run = rawsys("ioctl", "winsize");
        assertEquals(1, run.status(), run.both());
        assertTrue(
                run.stderr().startsWith("rawsys ioctl winsize: fd 0 is no terminal (it is pipe:["),
                run.stderr());
        assertTrue(run.stderr().contains("ENOTTY (Inappropriate ioctl for device)"), run.stderr());
        Run bad = rawsys("ioctl", "winsize", "--set", "40by120");
        assertEquals(2, bad.status(), bad.both());
        assertTrue(bad.stderr().contains("--set wants ROWSxCOLUMNS"), bad.stderr());
    }

    @Test
    void fionreadCountsTheBytesWaitingInAPipe() throws Exception {
        Run demo = rawsys("ioctl", "fionread");
        assertEquals(0, demo.status(), demo.both());
        List<String> counts = new ArrayList<>();
        for (String line : demo.stdout().split("\n")) {
            if (line.startsWith("ioctl(")) {
                counts.add(line.substring(line.indexOf('[') + 1, line.indexOf(']')));
            }
        }
        assertEquals(List.of("0", "5", "4101", "4001"), counts, demo.stdout());

        // Written before the JVM even starts its ioctl: the pipe holds the bytes.
        Run stdin =
                RawsysJar.run(
                        "hello".getBytes(StandardCharsets.US_ASCII),
                        command("ioctl", "fionread", "--fd", "0"));
        assertEquals(0, stdin.status(), stdin.both());
        assertTrue(stdin.stdout().matches("pipe:\\[\\d+\\]: 5 bytes waiting\n"), stdin.stdout());
    }

    /** FS_IOC_GETFLAGS prints what lsattr prints; FS_IOC_SETFLAGS sets what lsattr then shows. */
    @Test
    void attrsAreLsattrsLetters() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "x");
        Run plain = rawsys("ioctl", "attrs", file.toString());
        assumeTrue(
                !plain.stderr().contains("keeps no inode flags"),
                "the file system of " + dir + " keeps no inode flags");
        assertEquals(0, plain.status(), plain.both());
        assertEquals(lsattr(file), plain.stdout());

        assertEquals(
                0, RawsysJar.run(new byte[0], List.of("chattr", "+dA", file.toString())).status());
        assertEquals(lsattr(file), rawsys("ioctl", "attrs", file.toString()).stdout());

        Run set = rawsys("ioctl", "attrs", "--set", "-A+S", file.toString());
        assertEquals(0, set.status(), set.both());
        assertEquals(lsattr(file), set.stdout());
        String letters = set.stdout().substring(0, set.stdout().indexOf(' '));
        assertTrue(
                letters.contains("S") && letters.contains("d") && !letters.contains("A"), letters);

        Run names = rawsys("ioctl", "attrs", "--names", file.toString());
        assertTrue(names.stdout().contains("FS_SYNC_FL|FS_NODUMP_FL"), names.stdout());
    }

    @Test
    void attrsOfAFileSystemWithoutFlagsSaysSo() throws Exception {
        Run run = rawsys("ioctl", "attrs", "/proc/self/status");
        assertEquals(1, run.status(), run.both());
        assertEquals(
                "rawsys ioctl attrs: /proc/self/status: ENOTTY (Inappropriate ioctl for device):"
                        + " its file system keeps no inode flags\n",
                run.stderr());
    }

    /** BLKGETSIZE64 and BLKSSZGET on a loop device, against blockdev. */
    @Test
    void blockDeviceSizeIsWhatBlockdevSays() throws Exception {
        Path backing = dir.resolve("disk.img");
        Files.write(backing, new byte[5 << 20]);
        // attached with autoclear: detached when closed, even if this JVM dies first
        try (LoopDevice loop = LoopDevice.attach(backing)) {
            String device = loop.path().toString();
            Run run = rawsys("ioctl", "block", device);
            assertEquals(0, run.status(), run.both());
            Run blockdev =
                    RawsysJar.run(
                            new byte[0], List.of("blockdev", "--getsize64", "--getss", device));
            String[] expected = blockdev.stdout().strip().split("\n");
            assertTrue(
                    run.stdout()
                            .startsWith(
                                    device
                                            + ": "
                                            + expected[0]
                                            + " bytes (BLKGETSIZE64 {0x"
                                            + Long.toHexString(Ioctl.BLKGETSIZE64)
                                            + "}), "
                                            + expected[1]
                                            + "-byte sectors"),
                    run.stdout() + " vs blockdev: " + blockdev.stdout());
        }
        Run notBlock = rawsys("ioctl", "block", backing.toString());
        assertEquals(1, notBlock.status());
        assertTrue(
                notBlock.stderr()
                        .endsWith(
                                "ENOTTY (Inappropriate ioctl for device) (it is no block device)\n"),
                notBlock.stderr());
    }

    @Test
    void decodeTakesARequestApartPerArchitecture() throws Exception {
        Run x86 = rawsys("ioctl", "decode", "FS_IOC_GETFLAGS", "--arch", "x86_64");
        assertTrue(
                x86.stdout().startsWith("FS_IOC_GETFLAGS = 0x80086601 on x86_64\n"), x86.stdout());
        assertTrue(x86.stdout().contains("= _IOR('f', 0x1, 8-byte argument)"), x86.stdout());
        Run ppc = rawsys("ioctl", "decode", "0x40086601", "--arch", "ppc64le");
        assertTrue(ppc.stdout().contains("= _IOR('f', 0x1, 8-byte argument)"), ppc.stdout());
        Run arm = rawsys("ioctl", "decode", "FS_IOC_GETFLAGS", "--arch", "arm");
        assertTrue(arm.stdout().contains("= _IOR('f', 0x1, 4-byte argument)"), arm.stdout());
        Run unknown = rawsys("ioctl", "decode", "FS_IOC_GETFLAG");
        assertEquals(2, unknown.status());
        assertTrue(
                unknown.stderr().contains("FS_IOC_GETFLAGS"),
                "suggests the near name: " + unknown.stderr());
    }

    private static String lsattr(Path file) throws Exception {
        Run run = RawsysJar.run(new byte[0], List.of("lsattr", file.toString()));
        assertEquals(0, run.status(), run.both());
        return run.stdout();
    }
}
