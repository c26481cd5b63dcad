/* A /bin/true-like host: one clock_gettime (the hooked call that waits for the JVM), then
 * prints its own peak RSS, RSS and thread count so the runner can compare with/without preload. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv) {
    (void)argv;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (argc > 1) {
        FILE *f = fopen("/proc/self/status", "r");
        char l[256];
        while (f && fgets(l, sizeof l, f))
            if (!strncmp(l, "VmHWM", 5) || !strncmp(l, "VmRSS", 5) || !strncmp(l, "Threads", 7))
                fputs(l, stderr);
        if (f)
            fclose(f);
    }
    return 0;
}
