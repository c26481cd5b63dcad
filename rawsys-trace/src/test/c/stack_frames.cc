/*
 * C++ names for the unwinder's tests (io.rawsys.trace.stack.UnwinderTest): strace -k prints them
 * demangled. A member function, a static member template, a function of library types, all called
 * down to a write to /dev/null.
 */
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace ns {
struct K {
    __attribute__((noinline)) void m(int fd, const char *s);
    template <typename T> __attribute__((noinline)) static int t(int fd, T v);
};
} // namespace ns

static volatile int sink;

void ns::K::m(int fd, const char *s) { sink += (int) write(fd, s, 2); }

template <typename T> int ns::K::t(int fd, T v)
{
    ns::K k;
    k.m(fd, "t\n");
    return (int) v.size();
}

__attribute__((noinline)) void f(int fd, std::string &s, std::vector<int> *v)
{
    sink += ns::K::t(fd, s) + (int) v->size();
}

namespace {
__attribute__((noinline)) void anonymous(int fd, std::vector<int> *v)
{
    std::string s("x");
    f(fd, s, v);
    sink++;
}
} // namespace

int main()
{
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0)
        return 1;
    std::vector<int> v;
    anonymous(fd, &v);
    return 0;
}
