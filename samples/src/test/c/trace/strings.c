/*
 * Strings for -x, -xx and --strings-in-hex=: plain ASCII, white space, UTF-8, control bytes and a
 * path with a DEL byte, each written to /dev/null or opened (and refused: the paths do not exist).
 */
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    int null = open("/dev/null", O_WRONLY);
    static const char *texts[] = {"hello\n", "tab\there\r\n", "caf\xc3\xa9\n",
                                  "\x01\x02"
                                  "abc",
                                  "0\0001"};
    static const int lengths[] = {6, 11, 6, 5, 3};
    for (int i = 0; i < 5; i++) {
        if (write(null, texts[i], lengths[i]) < 0) {
            return 1;
        }
    }
    open("/nonexistent/x\x7fy", O_RDONLY);
    open("/nonexistent/\xc3\xa9t\xc3\xa9", O_RDONLY);
    open("/nonexistent/<angle>", O_RDONLY);
    close(null);
    return 0;
}
