/*
 * Terminal ioctls on a fresh pseudo-terminal, compared with strace: TCGETS, TCSETS*, the window
 * size, the process group, FIONREAD, FIONBIO, FIOCLEX, and requests strace cannot name.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
static void *volatile bad = (void *)8;
static void *volatile null;

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) { /* the directory to work in */
        return 1;
    }
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct termios t;
    struct winsize w = {24, 80, 0, 0};
    int n = 0;
    pid_t group = 0;
    ioctl(s, TCGETS, &t);
    ioctl(s, TCSETS, &t);
    ioctl(s, TCSETSW, &t);
    t.c_cflag |= PARENB | CLOCAL;
    t.c_oflag |= TAB3 | CR2;
    t.c_lflag &= ~(ECHO | ICANON);
    ioctl(s, TCSETSF, &t);
    ioctl(s, TCGETS, &t);
    ioctl(s, TIOCSWINSZ, &w);
    ioctl(s, TIOCGWINSZ, &w);
    ioctl(s, TIOCGPGRP, &group);
    ioctl(s, TIOCSPGRP, &group);
    ioctl(s, FIONREAD, &n);
    n = 1;
    ioctl(s, FIONBIO, &n);
    ioctl(s, FIOCLEX);
    ioctl(s, FIONCLEX);
    ioctl(s, TCXONC, TCOON);
    ioctl(s, TCFLSH, TCIOFLUSH);
    ioctl(s, TIOCMGET, &n);
    ioctl(s, TIOCOUTQ, &n);
    ioctl(m, TIOCGPTN, &n);
    ioctl(0, TCGETS, &t);
    ioctl(99, TCGETS, &t);
    ioctl(s, TCGETS, null);
    ioctl(s, TCGETS, bad);
    ioctl(s, TCSETS, bad);
    ioctl(s, TIOCGWINSZ, null);
    ioctl(s, TIOCSWINSZ, bad);
    ioctl(s, 0x12345678, 0x10);
    ioctl(s, _IOR('x', 3, int), 0x10);
    ioctl(s, _IOW('q', 0x99, char[20]), 0x10);
    ioctl(s, _IO('q', 0x99), 0);
    ioctl(s, _IOWR(0, 0, int), 0);
    return 0;
}
