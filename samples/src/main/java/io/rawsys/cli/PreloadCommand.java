package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.preload.AotCache;
import io.rawsys.preload.Function;
import io.rawsys.preload.HookClasses;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.SeccompPlan;
import io.rawsys.preload.SeccompSupervisor;
import io.rawsys.tool.Failure;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rawsys preload}: runs a program with its libc calls handed to a Java hook. */
@Command(
        name = "preload",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a dynamically linked program with librawsys-preload.so preloaded: each libc call the hook"
                    + " class wants goes to its Java method, in a JVM started inside the program on its first"
                    + " such call. See preload-hook/README.md."
        },
        footer = {
            "",
            "With --seccomp the hook sees the system calls behind its families instead, made by any"
                    + " code, static and Go programs included, through seccomp user notification; the"
                    + " time family (the vDSO) is not seen that way.",
            "",
            "Examples:",
            "  rawsys preload --hook io.rawsys.preload.samples.CallLogger -- cat /etc/hostname",
            "  RAWSYS_SANDBOX=/tmp/box rawsys preload --hook io.rawsys.preload.samples.Sandbox -- sh -c 'echo x > /tmp/y'",
            "  RAWSYS_SANDBOX=/tmp/box rawsys preload --seccomp --hook io.rawsys.preload.samples.Sandbox -- busybox sh -c 'echo x > /tmp/y'",
            "",
            "Exit status: the program's (128 + N when signal N killed it); 2 for a bad command line."
        })
public final class PreloadCommand implements Callable<Integer> {
    private static final String[] LIBRARIES = {"librawsys-preload.so", "librawsys-preload-jvm.so"};

    @Option(
            names = "--hook",
            required = true,
            paramLabel = "CLASS",
            description = "The PreloadHook class.")
    String hook;

    @Option(
            names = "--classpath",
            paramLabel = "CP",
            description = "Where the hook class is, besides this jar (':'-separated).")
    String classpath;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Where the hook's and the JVM's messages go (default: none are kept).")
    Path log;

    @Option(names = "--no-inherit", description = "Programs the command starts run unhooked.")
    boolean noInherit;

    @Option(
            names = "--jvm-option",
            paramLabel = "OPT",
            description = "An option for the embedded JVM (repeatable).")
    List<String> jvmOptions = new ArrayList<>();

    @Option(
            names = "--seccomp",
            description =
                    "Hand the hook the system calls behind its families through seccomp user"
                            + " notification instead of LD_PRELOAD: static binaries, Go programs and raw"
                            + " syscall instructions included; the hook runs here, in one JVM for the"
                            + " whole process tree.")
    boolean seccomp;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        if (seccomp) {
            return supervised();
        }
        openLog().close(); // the library writes it: a --log it cannot write is said now
        Set<Function> wanted = wantedFunctions();
        warnIfOutOfReach(command.getFirst());
        Path libraries = extractLibraries();
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String preload = libraries.resolve(LIBRARIES[0]).toString();
        env.merge("LD_PRELOAD", preload, (old, ours) -> ours + " " + old);
        env.put("RAWSYS_HOOK", hook);
        env.put("RAWSYS_RUNTIME", runtimeJar().toString());
        env.put("RAWSYS_JAVA_HOME", System.getProperty("java.home"));
        StringJoiner names = new StringJoiner(",");
        wanted.forEach(f -> names.add(f.name()));
        env.put("RAWSYS_HOOK_FUNCTIONS", names.toString());
        if (classpath != null) env.put("RAWSYS_HOOK_CLASSPATH", absolute(classpath));
        if (log != null) env.put("RAWSYS_LOG", log.toAbsolutePath().toString());
        if (noInherit) env.put("RAWSYS_PRELOAD_INHERIT", "0");
        List<String> options = new ArrayList<>();
        // The JVM's start inside the program halves with its AOT cache, made once per jar.
        AotCache.prepare(libraries, runtimeJar(), Path.of(System.getProperty("java.home")))
                .ifPresent(cache -> options.add("-XX:AOTCache=" + cache));
        options.addAll(jvmOptions);
        if (!options.isEmpty()) env.put("RAWSYS_JVM_OPTS", String.join(" ", options));
        int status;
        try {
            // signals to this process go on to the command; it ends as the command ended
            status = Child.run(command, env);
        } catch (ErrnoException e) {
            throw Failure.usage("cannot run " + command.getFirst() + ": " + Failure.describe(e));
        }
        return Child.endAs(status);
    }

    /**
     * --seccomp: the program under a user-notification filter, its calls answered here by the hook,
     * in this JVM; what the hook prints goes to --log (or nowhere), as under LD_PRELOAD.
     */
    private int supervised() throws IOException {
        if (noInherit || !jvmOptions.isEmpty()) {
            throw Failure.usage(
                    (noInherit ? "--no-inherit" : "--jvm-option")
                            + " is for the JVM LD_PRELOAD starts inside the program; under --seccomp the"
                            + " hook runs in rawsys's own JVM and sees the whole process tree");
        }
        SeccompPlan plan;
        try {
            plan = SeccompPlan.of(wantedFunctions(), Arch.current());
        } catch (IllegalArgumentException e) {
            throw Failure.usage("hook class " + hook + ": " + e.getMessage());
        }
        plan.warnings().forEach(w -> System.err.println("rawsys preload: " + w));
        Path program = resolve(command.getFirst());
        if (program == null) {
            throw Failure.usage(
                    Files.isDirectory(Path.of(command.getFirst()))
                            ? command.getFirst() + " is a directory, not a program"
                            : "cannot find "
                                    + command.getFirst()
                                    + " (not a file, and not on PATH)");
        }
        if (!Files.isExecutable(program)) {
            throw Failure.usage("cannot run " + program + ": it is not executable (EACCES)");
        }
        warnIfPrivileged(program);
        PrintStream err = System.err;
        PrintStream out = System.out;
        PrintStream log = openLog();
        // the hook's output goes where LD_PRELOAD's embedded JVM sends it: the log
        System.setOut(log);
        System.setErr(log);
        SeccompSupervisor[] running = new SeccompSupervisor[1];
        try {
            PreloadHook instance = newHook();
            int status =
                    Child.run(
                            () -> {
                                running[0] =
                                        SeccompSupervisor.start(
                                                instance,
                                                hook,
                                                plan,
                                                program.toAbsolutePath().toString(),
                                                command,
                                                System.getenv(),
                                                log,
                                                err);
                                return running[0].pid();
                            });
            return Child.endAs(status);
        } catch (ErrnoException e) {
            throw Failure.usage("cannot run " + command.getFirst() + ": " + Failure.describe(e));
        } catch (IllegalStateException e) {
            throw new Failure(e.getMessage(), Failure.KERNEL);
        } finally {
            if (running[0] != null) {
                running[0].close();
            }
            System.setOut(out);
            System.setErr(err);
            log.close();
        }
    }

    /** --log's file, opened for appending; a stream that keeps nothing without --log. */
    private PrintStream openLog() {
        if (log == null) {
            return new PrintStream(OutputStream.nullOutputStream(), true);
        }
        try {
            return new PrintStream(
                    new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.usage("--log " + log + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    /**
     * One line on stderr for a setuid, setgid or file-capability program: under --seccomp it runs
     * with no_new_privs, so without the privileges it would gain.
     */
    private static void warnIfPrivileged(Path program) {
        boolean privileged;
        try {
            privileged =
                    (Files.getAttribute(program, "unix:mode") instanceof Integer mode
                                    && (mode & 06000) != 0)
                            || hasCapabilities(program);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return;
        }
        if (privileged) {
            System.err.println(
                    "rawsys preload: "
                            + program
                            + " is setuid, setgid or has file capabilities: under --seccomp it runs"
                            + " with no_new_privs, without the privileges it would gain");
        }
    }

    /** Whether the file carries capabilities (the security.capability attribute). */
    private static boolean hasCapabilities(Path program) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            long size =
                    io.rawsys.Syscalls.raw(
                            io.rawsys.linux.Nr.getxattr,
                            arena.allocateFrom(program.toString()).address(),
                            arena.allocateFrom("security.capability").address(),
                            0,
                            0);
            return size > 0;
        }
    }

    /** The hook, made here (--seccomp), with the class path the command line gives. */
    private PreloadHook newHook() {
        try {
            return HookClasses.load(hook, loader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw Failure.usage("hook class " + hook + " could not be made: " + cause);
        }
    }

    /**
     * Loads the hook class here (never instantiated) to learn what it wants, or says what is wrong.
     */
    private Set<Function> wantedFunctions() {
        try (URLClassLoader loader = loader()) {
            Set<Function> wanted = HookClasses.wanted(HookClasses.load(hook, loader));
            if (wanted.isEmpty()) {
                throw Failure.usage(
                        "hook class "
                                + hook
                                + " overrides no PreloadHook method: it would see no call");
            }
            return wanted;
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        } catch (IOException e) {
            throw Failure.usage("--classpath: " + e.getMessage());
        }
    }

    /** A class loader for the hook: --classpath's entries, then this jar. */
    private URLClassLoader loader() {
        List<URL> urls = new ArrayList<>();
        if (classpath != null) {
            for (String part : classpath.split(":")) {
                try {
                    urls.add(Path.of(part).toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException e) {
                    throw Failure.usage("--classpath: " + part + " is not a usable path");
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), PreloadHook.class.getClassLoader());
    }

    private static String absolute(String path) {
        StringJoiner out = new StringJoiner(":");
        for (String part : path.split(":")) out.add(Path.of(part).toAbsolutePath().toString());
        return out.toString();
    }

    private static Path runtimeJar() throws URISyntaxException {
        return Path.of(
                PreloadHook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The libraries, from the jar, in ${XDG_CACHE_HOME:-~/.cache}/rawsys/preload/SHA256/: a file
     * that stays, since the program's children may outlive this command and still load it.
     */
    private static Path extractLibraries() throws IOException, NoSuchAlgorithmException {
        List<byte[]> images = new ArrayList<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String name : LIBRARIES) {
            try (InputStream in = PreloadHook.class.getResourceAsStream("linux-x86_64/" + name)) {
                if (in == null) {
                    throw new Failure(
                            "this jar carries no " + name + " for x86_64; build it with ./build",
                            Failure.KERNEL);
                }
                byte[] image = in.readAllBytes();
                sha.update(image);
                images.add(image);
            }
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base =
                cache != null && !cache.isEmpty()
                        ? Path.of(cache)
                        : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("rawsys/preload").resolve(HexFormat.of().formatHex(sha.digest()));
        if (Files.isRegularFile(dir.resolve(LIBRARIES[1]))) return dir;
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (int i = 0; i < LIBRARIES.length; i++) {
            Path tmp = Files.createTempFile(dir, LIBRARIES[i], ".tmp");
            Files.write(tmp, images.get(i));
            Files.move(
                    tmp,
                    dir.resolve(LIBRARIES[i]),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    /** One line on stderr when LD_PRELOAD cannot reach the program: static or setuid. */
    private static void warnIfOutOfReach(String program) {
        Path file = resolve(program);
        if (file == null)
            throw Failure.usage("cannot find " + program + " (not a file, and not on PATH)");
        try {
            if (Files.getAttribute(file, "unix:mode") instanceof Integer mode
                    && (mode & 06000) != 0) {
                System.err.println(
                        "rawsys preload: "
                                + file
                                + " is setuid or setgid: the loader ignores"
                                + " LD_PRELOAD for it, so no call reaches the hook");
            } else if (isElf(file) && !hasInterpreter(file)) {
                System.err.println(
                        "rawsys preload: "
                                + file
                                + " is statically linked: it has no dynamic"
                                + " loader to preload into, so no call reaches the hook");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // unreadable: the program's own start will say what is wrong
        }
    }

    private static Path resolve(String program) {
        if (program.contains("/"))
            return Files.isRegularFile(Path.of(program)) ? Path.of(program) : null;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4
                    && magic[0] == 0x7f
                    && magic[1] == 'E'
                    && magic[2] == 'L'
                    && magic[3] == 'F';
        }
    }

    /** Whether the ELF64 little-endian file has a PT_INTERP program header. */
    private static boolean hasInterpreter(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] header = new byte[64];
            f.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54));
            int phnum = Short.toUnsignedInt(h.getShort(56));
            for (int i = 0; i < phnum; i++) {
                f.seek(phoff + (long) i * phentsize);
                byte[] type = new byte[4];
                f.readFully(type);
                if (ByteBuffer.wrap(type).order(ByteOrder.LITTLE_ENDIAN).getInt() == 3) return true;
            }
            return false;
        }
    }
}
