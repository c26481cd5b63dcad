/*
 * Opens and closes FILE every millisecond until an open fails, then writes why to REPORT (opened
 * first) and exits
 * 3 (4 after a minute without a failure): what is left of a program whose supervisor died.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ticker FILE REPORT\n");
        return 2;
    }
    /* opened now, while opens are answered; written with write(2), which is not supervised */
    int report = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (report < 0) {
        perror(argv[2]);
        return 2;
    }
    printf("ticking %d\n", (int)getpid());
    fflush(stdout);
    struct timespec ms = {0, 1000000};
    for (int i = 0; i < 60000; i++) {
        int fd = open(argv[1], O_RDONLY);
        if (fd < 0) {
            dprintf(report, "open: %s\n", strerror(errno));
            return 3;
        }
        close(fd);
        nanosleep(&ms, NULL);
    }
    return 4;
}
