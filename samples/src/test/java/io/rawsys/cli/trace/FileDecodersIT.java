package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files and descriptors decoders against strace 6.1: each C program of {@code
 * src/test/c/trace/file_*.c} runs under both tracers, traced for its own calls only, and the lines
 * must be equal byte for byte, plain, with -y (descriptor paths) and with -s 8 (short strings and
 * arrays); the calls that differ on i386 run in a 32-bit static build.
 */
class FileDecodersIT {
    @TempDir Path dir;

    private static final String IO =
            "read,write,pread64,pwrite64,readv,writev,preadv,pwritev,preadv2,pwritev2,lseek,"
                    + "sendfile,copy_file_range,splice,tee,fsync,fdatasync,fadvise64,fallocate,"
                    + "truncate,ftruncate,sync,syncfs,close,pipe,pipe2,openat,vmsplice,readahead,"
                    + "sync_file_range";
    private static final String OPEN =
            "open,openat,openat2,creat,close,close_range,dup,dup2,dup3,pipe,pipe2,fcntl,flock,"
                    + "umask,memfd_create,inotify_init1,inotify_add_watch,inotify_rm_watch";
    private static final String STAT =
            "stat,fstat,lstat,newfstatat,statx,statfs,fstatfs,access,faccessat,faccessat2,"
                    + "readlink,readlinkat,getdents,getdents64";
    private static final String PATHS =
            "mkdir,mkdirat,rmdir,unlink,unlinkat,rename,renameat,renameat2,link,linkat,symlink,"
                    + "symlinkat,chdir,fchdir,getcwd,chmod,fchmod,fchmodat,chown,fchown,lchown,"
                    + "fchownat,mknod,mknodat,chroot,utimensat,utimes,futimesat,utime,setxattr,"
                    + "lsetxattr,fsetxattr,getxattr,lgetxattr,"
                    + "fgetxattr,listxattr,llistxattr,flistxattr,removexattr,lremovexattr,"
                    + "fremovexattr";

    /**
     * The calls only a 32-bit program makes: {@code ?} lets both tracers accept a name the
     * machine's own architecture lacks.
     */
    private static final String I386 =
            "?_llseek,?sendfile64,?fadvise64_64,?truncate64,?ftruncate64,?fcntl64,?stat64,"
                    + "?lstat64,?fstat64,?fstatat64,?statfs64,?fstatfs64,?chown32,?lchown32,"
                    + "?fchown32,?utimensat_time64";

    @Test
    void readsAndWrites() throws Exception {
        sameEveryWay("file_io", IO);
    }

    @Test
    void opensAndManagesDescriptors() throws Exception {
        sameEveryWay("file_open", OPEN);
    }

    @Test
    void looksAtFiles() throws Exception {
        sameEveryWay("file_stat", STAT);
    }

    @Test
    void changesNamesAndAttributes() throws Exception {
        sameEveryWay("file_path", PATHS);
    }

    @Test
    void talksToATerminal() throws Exception {
        sameEveryWay("file_tty", "ioctl");
    }

    @Test
    void aThirtyTwoBitProgramMakesItsOwnCalls() throws Exception {
        Path program = i386("file_i386");
        String calls =
                I386 + ",stat,lstat,fstat,fcntl,fadvise64,pread64,pwrite64,chown,statfs,fstatfs";
        same(program, List.of("-e", "trace=" + calls));
        same(program, List.of("-y", "-s", "8", "-e", "trace=" + calls));
    }

    @Test
    void aThirtyTwoBitProgramReadsWritesAndOpens() throws Exception {
        same(i386("file_io"), List.of("-e", "trace=" + IO + "," + I386));
        same(i386("file_open"), List.of("-e", "trace=" + OPEN + "," + I386));
        same(i386("file_path"), List.of("-y", "-e", "trace=" + PATHS + "," + I386));
        same(i386("file_tty"), List.of("-s", "8", "-e", "trace=ioctl"));
    }

    private void sameEveryWay(String name, String calls) throws Exception {
        StraceComparison.sameEveryWay(
                dir, StraceComparison.compile(dir, name, "gcc"), calls, FileDecodersIT::comparable);
    }

    private Path i386(String name) throws Exception {
        return StraceComparison.compileI386(dir, name);
    }

    /** Both tracers on {@code program}, each in a new empty directory of the same name. */
    private void same(Path program, List<String> options) throws Exception {
        StraceComparison.sameInWorkDirectory(dir, program, options, FileDecodersIT::comparable);
    }

    /**
     * The normalized lines, with what differs from run to run however exact the decoding: the inode
     * numbers in -y's {@code pipe:[1234]} and in an O_TMPFILE file's {@code #1234} name.
     */
    private static String comparable(String line) {
        return line.replaceAll("pipe:\\[\\d+\\]", "pipe:[INODE]").replaceAll("/#\\d+>", "/#INODE>");
    }
}
