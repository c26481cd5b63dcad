/* probe: a dynamically linked program the preload tests run, with and without the library.
 * Each mode prints what it saw and exits 0 when it saw what it expected.
 *   probe selftest            many hooked functions; results checked against expectations
 *   probe errno               errno across a hooked call that succeeds: prints it (set 77 before)
 *   probe fail-open PATH      open(PATH): prints "-1 errno=N" or the fd
 *   probe fork DIR            parent and fork child each open a file of their own in DIR
 *   probe close-all           boots (a hooked open), closes every fd it may, then opens again
 *   probe jvm-loaded CALL     "before=0|1 after=0|1": libjvm mapped before/after one CALL
 *   probe time                prints time(NULL), gettimeofday's and CLOCK_REALTIME's seconds
 *   probe efault              open() of a bad pointer: prints "-1 errno=N", as without the library
 *   probe sigpipe             boots, then writes to a pipe without a reader: SIGPIPE kills it
 *   probe sigusr2             boots, then raises SIGUSR2 with a handler: prints "ran=1"
 *   probe signals             a handler for every signal it may own, then boots (two hooked
 *                             calls): each disposition reads back as set, each raised signal runs
 *                             its handler, a child's exit runs the SIGCHLD handler; prints
 *                             "signals ok" or each that failed
 *   probe rawfork             boots; a child made by the raw fork system call opens a file
 *   probe bigenv              a 128 KiB thread posix_spawns true with 20000 variables, no preload's
 *   probe families DIR        the stat, path and socket families in DIR and over loopback;
 *                             prints the port and descriptors the hook should have seen */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            fprintf(stderr, "probe: " __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static int selftest(void) {
    char dir[] = "/tmp/rawsys-probe-XXXXXX", path[64], moved[80], buf[16];
    CHECK(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/f", dir);
    snprintf(moved, sizeof moved, "%s/g", dir);
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    CHECK(fd >= 0, "open O_CREAT: %s", strerror(errno));
    CHECK(write(fd, "hello", 5) == 5, "write");
    CHECK(close(fd) == 0, "close");
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size == 5 && (st.st_mode & 0777) == 0600, "stat");
    CHECK(access(path, R_OK) == 0, "access");
    CHECK(rename(path, moved) == 0, "rename");
    fd = openat(AT_FDCWD, moved, O_RDONLY);
    CHECK(fd >= 0 && read(fd, buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5), "openat+read");
    CHECK(pread(fd, buf, 2, 3) == 2 && !memcmp(buf, "lo", 2), "pread");
    close(fd);
    FILE *f = fopen(moved, "r");
    CHECK(f && fgets(buf, sizeof buf, f) && !strcmp(buf, "hello"), "fopen");
    if (f)
        fclose(f);
    errno = 0;
    CHECK(open("/nonexistent/x", O_RDONLY) == -1 && errno == ENOENT, "open ENOENT");
    CHECK(close(-1) == -1 && errno == EBADF, "close(-1) EBADF");
    char sub[80];
    snprintf(sub, sizeof sub, "%s/d", dir);
    CHECK(mkdir(sub, 0700) == 0 && rmdir(sub) == 0, "mkdir");
    CHECK(unlink(moved) == 0 && rmdir(dir) == 0, "unlink");
    struct timespec ts;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "clock_gettime");
    CHECK(time(NULL) > 1000000000, "time");
    CHECK(syscall(SYS_getpid) == getpid(), "syscall(getpid)");
    pid_t p = fork();
    if (p == 0)
        _exit(7);
    int status;
    CHECK(waitpid(p, &status, 0) == p && WEXITSTATUS(status) == 7, "fork");
    p = vfork();
    if (p == 0)
        _exit(8);
    CHECK(waitpid(p, &status, 0) == p && WEXITSTATUS(status) == 8, "vfork");
    char *argv[] = {"true", NULL};
    CHECK(posix_spawnp(&p, "true", NULL, NULL, argv, environ) == 0 && waitpid(p, &status, 0) == p &&
              WEXITSTATUS(status) == 0,
          "posix_spawnp");
    printf("selftest %s\n", failures ? "FAILED" : "passed");
    if (failures) { /* what a failed step left: a test leaves no file of its own behind */
        unlink(path);
        unlink(moved);
        rmdir(sub);
        rmdir(dir);
    }
    return failures != 0;
}

/* Stat, path and socket calls whose arguments the hook must see decoded. */
static int families(const char *dir) {
    char file[512], link[512], moved[512], sub[512], target[512];
    snprintf(file, sizeof file, "%s/file", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(moved, sizeof moved, "%s/moved", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    struct stat st;
    struct statx sx;
    int fd = open(file, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && close(fd) == 0, "fstat");
    CHECK(symlink("file", link) == 0 && lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "lstat");
    CHECK(statx(AT_FDCWD, file, 0, STATX_SIZE, &sx) == 0, "statx");
    CHECK(readlink(link, target, sizeof target) == 4, "readlink");
    CHECK(access(file, W_OK) == 0, "access");
    CHECK(rename(file, moved) == 0, "rename");
    CHECK(mkdir(sub, 0700) == 0 && unlink(link) == 0, "mkdir, unlink");

    int server = socket(AF_INET, SOCK_STREAM, 0), client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof at;
    CHECK(bind(server, (struct sockaddr *)&at, sizeof at) == 0 && listen(server, 1) == 0 &&
              getsockname(server, (struct sockaddr *)&at, &len) == 0,
          "bind");
    CHECK(connect(client, (struct sockaddr *)&at, sizeof at) == 0, "connect");
    int peer = accept4(server, NULL, NULL, SOCK_CLOEXEC);
    char buf[8];
    CHECK(sendto(client, "ping", 4, 0, NULL, 0) == 4, "sendto");
    CHECK(recvfrom(peer, buf, sizeof buf, 0, NULL, NULL) == 4 && !memcmp(buf, "ping", 4),
          "recvfrom");
    printf("port %d server %d client %d peer %d\n", ntohs(at.sin_port), server, client, peer);
    close(peer), close(client), close(server);
    return failures != 0;
}

/* probe signals: which handler ran, by signal */
static volatile sig_atomic_t ran[65];
static void on_any(int sig) {
    ran[sig]++;
}

/* Signals a program cannot own (KILL, STOP), glibc's own (32, 33: NPTL's), the synchronous
 * faults, which the JVM keeps for itself and chains to the program's handler (the PreloadIT crash
 * tests cover that), and SIGRTMAX-2, HotSpot's suspend/resume signal under the preload (README). */
static int ownable(int s) {
    return s != SIGKILL && s != SIGSTOP && s != 32 && s != 33 && s != SIGSEGV && s != SIGBUS &&
           s != SIGFPE && s != SIGILL && s != SIGRTMAX - 2;
}

static int signals(void) {
    for (int s = 1; s < 65; s++) {
        if (!ownable(s))
            continue;
        struct sigaction a;
        memset(&a, 0, sizeof a);
        a.sa_handler = on_any;
        a.sa_flags = SA_RESTART;
        if (sigaction(s, &a, NULL) != 0) {
            printf("cannot set signal %d: %s\n", s, strerror(errno));
            return 1;
        }
    }
    close(open("/dev/null", O_RDONLY)); /* the JVM boots (the hook works while its class loads) */
    close(open("/dev/null", O_RDONLY)); /* and the hook works again, the JVM up */
    int bad = 0;
    for (int s = 1; s < 65; s++) {
        if (!ownable(s))
            continue;
        struct sigaction now;
        if (sigaction(s, NULL, &now) != 0 || now.sa_handler != on_any) {
            printf("signal %d (%s): the program's handler is no longer set\n", s, strsignal(s));
            bad++;
            continue;
        }
        ran[s] = 0;
        raise(s);
        if (ran[s] != 1) {
            printf("signal %d (%s): raised, the program's handler ran %d times\n", s, strsignal(s),
                   (int)ran[s]);
            bad++;
        }
    }
    ran[SIGCHLD] = 0;
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    if (ran[SIGCHLD] < 1) {
        printf("a child exited and the program's SIGCHLD handler did not run\n");
        bad++;
    }
    if (!bad)
        printf("signals ok\n");
    return bad != 0;
}

static volatile sig_atomic_t usr2_ran;
static void on_usr2(int sig) {
    (void)sig;
    usr2_ran = 1;
}

static void *spawn_big_env(void *result) {
    enum { N = 20000 };
    char **env = calloc(N + 1, sizeof *env);
    for (int i = 0; env && i < N; i++) {
        env[i] = malloc(16);
        snprintf(env[i], 16, "V%d=x", i);
    }
    char *argv[] = {"true", NULL};
    pid_t p;
    int status = -1;
    if (env && posix_spawnp(&p, "true", NULL, NULL, argv, env) == 0)
        waitpid(p, &status, 0);
    *(int *)result = status;
    return NULL;
}

static int jvm_loaded(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "libjvm.so"))
            found = 1;
    if (f)
        fclose(f);
    return found;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "selftest";
    if (!strcmp(mode, "selftest"))
        return selftest();
    if (!strcmp(mode, "errno")) {
        struct timespec ts;
        errno = 77;
        clock_gettime(CLOCK_REALTIME, &ts);
        int e = errno;
        printf("errno=%d\n", e);
        return e != 77;
    }
    if (!strcmp(mode, "fail-open") && argc > 2) {
        errno = 0;
        int fd = open(argv[2], O_RDONLY);
        if (fd < 0)
            printf("-1 errno=%d\n", errno);
        else
            printf("%d\n", fd);
        return 0;
    }
    if (!strcmp(mode, "fork") && argc > 2) {
        char path[512];
        snprintf(path, sizeof path, "%s/parent-before", argv[2]);
        close(open(path, O_CREAT | O_WRONLY, 0600));
        pid_t p = fork();
        if (p == 0) {
            snprintf(path, sizeof path, "%s/child", argv[2]);
            close(open(path, O_CREAT | O_WRONLY, 0600));
            _exit(0);
        }
        int status;
        waitpid(p, &status, 0);
        snprintf(path, sizeof path, "%s/parent-after", argv[2]);
        close(open(path, O_CREAT | O_WRONLY, 0600));
        printf("child status %d\n", WEXITSTATUS(status));
        return 0;
    }
    if (!strcmp(mode, "close-all")) {
        close(open("/dev/null", O_RDONLY)); /* a hooked call: the JVM starts */
        for (int fd = 3; fd < 4096; fd++)
            close(fd);
        closefrom(3);
        close_range(3, ~0u, 0);
        int fd = open("/dev/null", O_RDONLY); /* the JVM is still there */
        printf("open after closing everything: %s\n", fd >= 0 ? "ok" : strerror(errno));
        return fd < 0;
    }
    if (!strcmp(mode, "jvm-loaded") && argc > 2) {
        int before = jvm_loaded();
        struct timespec ts;
        if (!strcmp(argv[2], "clock_gettime"))
            clock_gettime(CLOCK_MONOTONIC, &ts);
        if (!strcmp(argv[2], "getpid"))
            (void)getpid();
        printf("before=%d after=%d\n", before, jvm_loaded());
        return 0;
    }
    if (!strcmp(mode, "efault")) {
        errno = 0;
        int fd = open((const char *)8, O_RDONLY);
        printf("%d errno=%d\n", fd, errno);
        return 0;
    }
    if (!strcmp(mode, "sigpipe")) {
        close(open("/dev/null", O_RDONLY)); /* a hooked call: the JVM starts */
        int p[2];
        if (pipe(p) != 0)
            return 2;
        close(p[0]);
        (void)!write(p[1], "x", 1); /* SIGPIPE's default action ends the process here */
        printf("survived SIGPIPE\n");
        return 0;
    }
    if (!strcmp(mode, "signals"))
        return signals();
    if (!strcmp(mode, "sigusr2")) {
        close(open("/dev/null", O_RDONLY));
        signal(SIGUSR2, on_usr2);
        raise(SIGUSR2);
        printf("ran=%d\n", (int)usr2_ran);
        return !usr2_ran;
    }
    if (!strcmp(mode, "rawfork")) {
        close(open("/dev/null", O_RDONLY));
        long p = syscall(SYS_fork);
        if (p == 0) {
            close(open("/dev/null", O_RDONLY)); /* a hooked call in a process without a JVM */
            _exit(0);
        }
        int status;
        waitpid((pid_t)p, &status, 0);
        printf("child status %d\n", WEXITSTATUS(status));
        return 0;
    }
    if (!strcmp(mode, "bigenv")) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 128 * 1024);
        pthread_t t;
        int status = -1;
        if (pthread_create(&t, &attr, spawn_big_env, &status) != 0)
            return 2;
        pthread_join(t, NULL);
        printf("true exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return 0;
    }
    if (!strcmp(mode, "families") && argc > 2)
        return families(argv[2]);
    if (!strcmp(mode, "time")) {
        struct timeval tv;
        struct timespec ts;
        time_t t = time(NULL);
        gettimeofday(&tv, NULL);
        clock_gettime(CLOCK_REALTIME, &ts);
        printf("%lld %lld %lld\n", (long long)t, (long long)tv.tv_sec, (long long)ts.tv_sec);
        return 0;
    }
    fprintf(stderr, "probe: unknown mode %s\n", mode);
    return 2;
}
