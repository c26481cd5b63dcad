/* vfork then execve in the child; the parent waits for it and exits with its status. */
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = vfork();
    if (child == 0) {
        char *argv[] = {"/bin/echo", "vforked", NULL};
        char *envp[] = {NULL};
        execve(argv[0], argv, envp);
        _exit(127);
    }
    int status;
    if (waitpid(child, &status, 0) != child) {
        return 1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
