package io.rawsys.trace;

import io.rawsys.tool.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finding what to trace: a command on PATH, the threads of a running process. */
final class Commands {
    private Commands() {}

    /**
     * The file {@code name} names, as strace finds it: a name with a slash as it is, any other the
     * first executable regular file of that name in a PATH directory.
     *
     * @throws Failure as strace's "Can't stat" when there is none
     */
    static String resolve(String name) {
        if (name.contains("/")) {
            if (!Files.exists(Path.of(name))) {
                throw new Failure(
                        "Can't stat '" + name + "': No such file or directory", Failure.KERNEL);
            }
            return name;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(candidate);
                boolean executable =
                        permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                                || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
                if (Files.isRegularFile(candidate) && executable) {
                    return candidate.toString();
                }
            } catch (IOException | UnsupportedOperationException notThere) {
                // try the next directory
            }
        }
        throw new Failure("Can't stat '" + name + "': No such file or directory", Failure.KERNEL);
    }

    /**
     * The thread ids of process {@code pid}, the leader first; empty if there is no such process.
     */
    static List<Integer> threads(int pid) {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .sorted()
                    .forEach(tids::add);
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        if (tids.remove(Integer.valueOf(pid))) {
            tids.addFirst(pid);
        }
        return tids;
    }

    /**
     * The system call thread {@code tid} is blocked in, from /proc/TID/syscall (its number is the
     * first field; "running" when it is in none), or null.
     */
    static String currentSyscall(int tid, io.rawsys.Arch arch) {
        try {
            String first =
                    Files.readString(Path.of("/proc/" + tid + "/syscall")).strip().split(" ")[0];
            return first.matches("\\d+")
                    ? arch.syscalls().name(Long.parseLong(first)).orElse(null)
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The descriptors above 2 this process was started with, which a traced command inherits as
     * under strace ({@code rawsys trace CMD 3<file}): the {@code rawsys} launcher lists them in the
     * {@code rawsys.inheritedFds} property (the JVM cannot tell them from its own); none without
     * it.
     */
    static int[] inherited() {
        String list = System.getProperty("rawsys.inheritedFds", "");
        if (!list.matches("[0-9]{1,9}(,[0-9]{1,9})*")) {
            return new int[0];
        }
        return java.util.Arrays.stream(list.split(","))
                .mapToInt(Integer::parseInt)
                .filter(fd -> fd > 2)
                .toArray();
    }
}
