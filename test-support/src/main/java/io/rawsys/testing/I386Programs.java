package io.rawsys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Whether this kernel executes 32-bit x86 (i386) programs, found out once per JVM by executing one.
 *
 * <p>An x86_64 kernel runs i386 programs only with its ia32 emulation: {@code
 * CONFIG_IA32_EMULATION}, which since Linux 6.7 a build default ({@code
 * CONFIG_IA32_EMULATION_DEFAULT_DISABLED}) or the boot option {@code ia32_emulation=0} can turn
 * off, and which some VMs and sandboxes lack. Where it is off, {@code execve} of an i386 program
 * fails with {@code ENOEXEC} ("Exec format error"). The tests that trace i386 programs call {@link
 * #assumeRunnable()} first, and are skipped there with that reason.
 *
 * <p>The probe needs no cross compiler: {@link #program()} writes the smallest i386 ELF executable
 * that makes a system call, by hand, and the probe runs it. It also refuses to count a program that
 * only runs because binfmt_misc hands it to an emulator (qemu-user's {@code qemu-i386}): under
 * ptrace such a program is an x86_64 qemu, and tracing it says nothing of i386.
 */
public final class I386Programs {
    private I386Programs() {}

    static final String FEATURE = "execution of 32-bit x86 programs";

    /** The exit status the probe program asks for: seen only if its own code ran. */
    static final int EXIT_STATUS = 42;

    /** Where the probe's code is loaded: the traditional i386 executable base. */
    private static final int BASE = 0x0804_8000;

    private static final int ELF_HEADER_SIZE = 52;
    private static final int PROGRAM_HEADER_SIZE = 32;

    /**
     * The code: {@code exit(42)} through the i386 system-call gate, {@code int $0x80}, with the
     * number (1, i386's exit) in eax and the first argument in ebx.
     */
    private static final byte[] CODE =
            HexFormat.of()
                    .parseHex(
                            String.format("bb%02x000000", EXIT_STATUS) // mov $42, %ebx
                                    + "b801000000" // mov $1, %eax    (__NR_exit on i386)
                                    + "cd80"); // int $0x80

    private static final class Once {
        static final Probe PROBE = run();
    }

    /** What the probe found (run on first use, then remembered for the JVM's life). */
    public static Probe probe() {
        return Once.PROBE;
    }

    /** Skips the calling test, saying why, where this kernel does not execute i386 programs. */
    public static void assumeRunnable() {
        probe().assume();
    }

    /**
     * A complete static i386 ELF executable: the ELF header, one program header that maps the whole
     * file read-and-execute at {@code 0x08048000}, and {@link #CODE}, which starts right after
     * them.
     */
    public static byte[] program() {
        int size = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE + CODE.length;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // e_ident: magic, ELFCLASS32, ELFDATA2LSB, EV_CURRENT, the System V ABI, padding
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        elf.putShort((short) 2); // e_type: ET_EXEC
        elf.putShort((short) 3); // e_machine: EM_386
        elf.putInt(1); // e_version
        elf.putInt(BASE + ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE); // e_entry: the code
        elf.putInt(ELF_HEADER_SIZE); // e_phoff: the program header follows the ELF header
        elf.putInt(0); // e_shoff: no section headers
        elf.putInt(0); // e_flags
        elf.putShort((short) ELF_HEADER_SIZE); // e_ehsize
        elf.putShort((short) PROGRAM_HEADER_SIZE); // e_phentsize
        elf.putShort((short) 1); // e_phnum
        elf.putShort((short) 0); // e_shentsize
        elf.putShort((short) 0); // e_shnum
        elf.putShort((short) 0); // e_shstrndx
        // The program header: PT_LOAD of the whole file, at BASE, readable and executable.
        elf.putInt(1); // p_type: PT_LOAD
        elf.putInt(0); // p_offset
        elf.putInt(BASE); // p_vaddr
        elf.putInt(BASE); // p_paddr
        elf.putInt(size); // p_filesz
        elf.putInt(size); // p_memsz
        elf.putInt(5); // p_flags: PF_R | PF_X
        elf.putInt(0x1000); // p_align
        elf.put(CODE);
        return elf.array();
    }

    /**
     * The system property that makes the probe answer "no" without trying, to check the suite as it
     * runs on a kernel without ia32 emulation: {@code ./build verify -Drawsys.test.i386=off}.
     */
    public static final String SWITCH = "rawsys.test.i386";

    private static Probe run() {
        if ("off".equals(System.getProperty(SWITCH))) {
            return Probe.missing(
                    FEATURE, "turned off by -D" + SWITCH + "=off (as on a kernel without ia32)");
        }
        String emulator = binfmtEmulator(program());
        if (emulator != null) {
            return Probe.missing(
                    FEATURE,
                    "i386 programs run here only through binfmt_misc's "
                            + emulator
                            + " entry (an emulator), which ptrace cannot see into");
        }
        Path file = null;
        try {
            file =
                    Files.createTempFile(
                            "rawsys-i386-probe",
                            "",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
            Files.write(file, program());
            Process p = new ProcessBuilder(file.toString()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return Probe.missing(FEATURE, "the probe program " + file + " did not end in 30 s");
            }
            int status = p.exitValue();
            return status == EXIT_STATUS
                    ? Probe.present(FEATURE)
                    : Probe.missing(
                            FEATURE,
                            "the i386 probe program exited with "
                                    + status
                                    + " instead of "
                                    + EXIT_STATUS
                                    + " (the kernel did not run its int $0x80 exit)");
        } catch (IOException e) {
            // ProcessBuilder reports execve's ENOEXEC as "error=8, Exec format error".
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            int at = why.indexOf("error=");
            return Probe.missing(
                    FEATURE,
                    "this kernel does not execute 32-bit x86 programs ("
                            + (at >= 0 ? why.substring(at) : why)
                            + "): its ia32 emulation is not built in, or is off"
                            + " (ia32_emulation=0 on the kernel command line)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.missing(FEATURE, "interrupted while probing");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * The name of the enabled binfmt_misc entry that would run {@code program} (an emulator
     * registered for i386 ELF files), or null when there is none or binfmt_misc is not mounted.
     */
    static String binfmtEmulator(byte[] program) {
        Path binfmt = Path.of("/proc/sys/fs/binfmt_misc");
        // Not mounted (or only systemd's autofs placeholder is): no emulator is registered. Listing
        // the directory would make the automount mount it, and the probe leaves the machine as it
        // found it.
        try {
            if (Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .noneMatch(
                            line ->
                                    line.contains(" " + binfmt + " ")
                                            && line.contains(" - binfmt_misc "))) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        try (var entries = Files.list(binfmt)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("register") || name.equals("status")) {
                    continue;
                }
                String text;
                try {
                    text = Files.readString(entry);
                } catch (IOException e) {
                    continue;
                }
                if (text.startsWith("enabled") && matches(text, program)) {
                    return name;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Whether a binfmt_misc entry's {@code offset}, {@code magic} and {@code mask} fit. */
    static boolean matches(String entry, byte[] program) {
        String magic = field(entry, "magic");
        if (magic == null) {
            return false; // an extension entry, not a magic one
        }
        byte[] bytes = HexFormat.of().parseHex(magic);
        String maskText = field(entry, "mask");
        byte[] mask = maskText == null ? null : HexFormat.of().parseHex(maskText);
        String offsetText = field(entry, "offset");
        int offset = offsetText == null ? 0 : Integer.parseInt(offsetText);
        for (int i = 0; i < bytes.length; i++) {
            int at = offset + i;
            if (at >= program.length) {
                return false;
            }
            int m = mask == null ? 0xff : mask[i] & 0xff;
            if ((program[at] & m) != (bytes[i] & m)) {
                return false;
            }
        }
        return true;
    }

    private static String field(String entry, String name) {
        for (String line : entry.split("\n")) {
            if (line.startsWith(name + " ")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }
}
