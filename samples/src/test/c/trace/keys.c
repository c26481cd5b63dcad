/*
 * The kernel's key management for rawsys trace's comparison with strace: add_key, request_key and
 * keyctl with most of its commands, each working and refused (NULL and unreadable pointers, structs
 * cut short by an unmapped page, unknown commands and flags, special serials, huge lengths), made
 * through syscall(2).
 *
 * Nothing here touches the user's keyrings: the program first joins a new anonymous session keyring
 * of its own (keyctl(KEYCTL_JOIN_SESSION_KEYRING, NULL)), which no other process has and which goes
 * away with it, and puts its keys there and in its own thread keyring only; it never names
 * KEY_SPEC_USER_KEYRING or KEY_SPEC_USER_SESSION_KEYRING but in calls the kernel refuses before
 * looking them up (a bad pointer, an unknown key type), asks for no persistent keyring, and calls
 * request_key without callout information, so that no upcall runs. It exits with 77 when it cannot
 * join a session keyring (no CONFIG_KEYS, or a seccomp filter that refuses keyctl). Key serials
 * are random; the test replaces them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "trace_test.h"

/* linux/keyctl.h's, written out: the C library has no <keyutils.h>. */
#define KEY_SPEC_THREAD_KEYRING   -1
#define KEY_SPEC_PROCESS_KEYRING  -2
#define KEY_SPEC_SESSION_KEYRING  -3
#define KEY_SPEC_USER_KEYRING     -4
#define KEY_SPEC_REQKEY_AUTH_KEY  -7
#define KEY_REQKEY_DEFL_NO_CHANGE -1

enum {
    GET_KEYRING_ID,
    JOIN_SESSION_KEYRING,
    UPDATE,
    REVOKE,
    CHOWN,
    SETPERM,
    DESCRIBE,
    CLEAR,
    LINK,
    UNLINK,
    SEARCH,
    READ,
    INSTANTIATE,
    NEGATE,
    SET_REQKEY_KEYRING,
    SET_TIMEOUT,
    ASSUME_AUTHORITY,
    GET_SECURITY,
    SESSION_TO_PARENT,
    REJECT,
    INSTANTIATE_IOV,
    INVALIDATE,
    GET_PERSISTENT,
    DH_COMPUTE,
    PKEY_QUERY,
    PKEY_ENCRYPT,
    PKEY_DECRYPT,
    PKEY_SIGN,
    PKEY_VERIFY,
    RESTRICT_KEYRING,
    MOVE,
    CAPABILITIES,
    WATCH_KEY
};

static long keyctl(long cmd, long a, long b, long c, long d) {
    return syscall(SYS_keyctl, cmd, a, b, c, d);
}

int main(void) {
    /* a session keyring of our own: every key made here goes there, or to our thread keyring */
    if (keyctl(JOIN_SESSION_KEYRING, 0, 0, 0, 0) < 0) {
        fprintf(stderr, "keys: cannot join a new session keyring: %s\n", strerror(errno));
        return 77;
    }
    char *end = page_end();
    static const char long_payload[] = "a payload longer than what -s 8 shows";

    long a = syscall(SYS_add_key, "user", "rawsys:a", "payload", 7, KEY_SPEC_SESSION_KEYRING);
    long b = syscall(SYS_add_key, "user", "rawsys:b", long_payload, sizeof long_payload - 1,
                     KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_add_key, "nosuchtype", "rawsys:c", "x", 1, KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_add_key, null, "rawsys:c", "x", 1, KEY_SPEC_USER_KEYRING);
    syscall(SYS_add_key, "user", bad, "x", 1, KEY_SPEC_USER_KEYRING);
    syscall(SYS_add_key, "user", "rawsys:c", bad, 1, KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_add_key, "user", "rawsys:c", null, 0, KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_add_key, "user", "rawsys:c", "x", -1L, KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_add_key, "user", "rawsys:c", "x", 1, 0x7fffffff);
    syscall(SYS_add_key, "user", "rawsys:c", "x", 1, -42);

    syscall(SYS_request_key, "user", "rawsys:a", null, KEY_SPEC_SESSION_KEYRING);
    syscall(SYS_request_key, "user", "rawsys:none", null, 0);
    syscall(SYS_request_key, "user", null, null, KEY_SPEC_THREAD_KEYRING);
    syscall(SYS_request_key, bad, "rawsys:a", null, KEY_SPEC_USER_KEYRING);
    syscall(SYS_request_key, "nosuchtype", "rawsys:a", null, KEY_SPEC_THREAD_KEYRING);

    keyctl(GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0);
    keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0);
    keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
    keyctl(GET_KEYRING_ID, KEY_SPEC_REQKEY_AUTH_KEY, 0, 0, 0);
    keyctl(GET_KEYRING_ID, 12345, 0, 0, 0);

    keyctl(UPDATE, a, (long)"newer", 5, 0);
    keyctl(UPDATE, b, (long)long_payload, sizeof long_payload - 1, 0);
    keyctl(UPDATE, a, (long)bad, 3, 0);
    keyctl(UPDATE, -100, (long)null, 0, 0);

    char buf[64];
    memset(buf, 'z', sizeof buf);
    keyctl(DESCRIBE, a, (long)buf, sizeof buf, 0);
    keyctl(DESCRIBE, a, (long)buf, 4, 0);
    keyctl(DESCRIBE, a, (long)null, 0, 0);
    keyctl(DESCRIBE, 12345, (long)buf, sizeof buf, 0);
    keyctl(READ, a, (long)buf, sizeof buf, 0);
    keyctl(READ, b, (long)buf, sizeof buf, 0);
    keyctl(READ, b, (long)buf, 3, 0);
    keyctl(READ, a, (long)bad, sizeof buf, 0);
    keyctl(GET_SECURITY, a, (long)buf, sizeof buf, 0);

    keyctl(SETPERM, a, 0x3f3f0000, 0, 0);
    keyctl(SETPERM, a, 0x3f010101 | 0xc0c0c0c0, 0, 0);
    keyctl(SETPERM, b, 0, 0, 0); /* our own key: nothing may be done with it any more */
    keyctl(SET_TIMEOUT, a, 3600, 0, 0);
    keyctl(SET_TIMEOUT, -100, 1, 0, 0);
    keyctl(CHOWN, a, -1, -1, 0);
    keyctl(CHOWN, 12345, 0, 0x7ffffffe, 0);

    keyctl(LINK, a, KEY_SPEC_THREAD_KEYRING, 0, 0);
    keyctl(UNLINK, a, KEY_SPEC_THREAD_KEYRING, 0, 0);
    keyctl(LINK, a, 12345, 0, 0);
    keyctl(SEARCH, KEY_SPEC_SESSION_KEYRING, (long)"user", (long)"rawsys:a", 0);
    keyctl(SEARCH, KEY_SPEC_SESSION_KEYRING, (long)"user", (long)"rawsys:none",
           KEY_SPEC_THREAD_KEYRING);
    keyctl(SEARCH, KEY_SPEC_SESSION_KEYRING, (long)bad, (long)null, 0);
    keyctl(MOVE, a, KEY_SPEC_SESSION_KEYRING, KEY_SPEC_THREAD_KEYRING, 1);
    keyctl(MOVE, a, KEY_SPEC_THREAD_KEYRING, KEY_SPEC_SESSION_KEYRING, 0x6);

    /* instantiating needs the authority of a request_key upcall, which there is none of */
    keyctl(INSTANTIATE, a, (long)"x", 1, KEY_SPEC_SESSION_KEYRING);
    keyctl(INSTANTIATE, a, (long)null, 0, 0);
    keyctl(NEGATE, a, 60, KEY_SPEC_SESSION_KEYRING, 0);
    keyctl(REJECT, a, 60, EKEYREJECTED, KEY_SPEC_SESSION_KEYRING);
    keyctl(REJECT, a, 60, 4095, 0);
    keyctl(REJECT, a, 60, 100000, 0);
    struct iovec iov[2] = {{(void *)"part one", 8}, {(void *)"part two", 8}};
    keyctl(INSTANTIATE_IOV, a, (long)iov, 2, 0);
    keyctl(INSTANTIATE_IOV, a, (long)bad, 1, 0);
    struct iovec huge[2] = {{(void *)"short", 5}, {bad, (size_t)-1}};
    keyctl(INSTANTIATE_IOV, a, (long)huge, 2, 0);
    keyctl(ASSUME_AUTHORITY, 0, 0, 0, 0);
    keyctl(ASSUME_AUTHORITY, a, 0, 0, 0);

    keyctl(SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE, 0, 0, 0);
    keyctl(SET_REQKEY_KEYRING, 42, 0, 0, 0);
    keyctl(SET_REQKEY_KEYRING, -42, 0, 0, 0);
    /* a keyring that does not exist: refused before any persistent keyring is looked for */
    keyctl(GET_PERSISTENT, -1, 12345, 0, 0);

    int32_t dh[3] = {(int32_t)a, (int32_t)b, KEY_SPEC_SESSION_KEYRING};
    struct {
        char *hashname, *otherinfo;
        uint32_t otherinfolen, spare[8];
    } kdf = {(char *)"sha256", (char *)"other", 5, {0, 0, 0, 0, 0, 0, 0, 7}};
    keyctl(DH_COMPUTE, (long)null, (long)buf, sizeof buf, 0);
    keyctl(DH_COMPUTE, (long)dh, (long)buf, sizeof buf, (long)bad);
    keyctl(DH_COMPUTE, (long)dh, (long)buf, sizeof buf, (long)&kdf);
    /* no hash name: refused before the kernel looks for a hash (or loads a module for one) */
    kdf.hashname = null;
    kdf.otherinfolen = 0;
    kdf.spare[7] = 0;
    keyctl(DH_COMPUTE, (long)dh, (long)null, 0, (long)&kdf);
    /* no KDF: refused as the prime's key (b, whose permissions are all gone) cannot be read */
    keyctl(DH_COMPUTE, (long)dh, (long)buf, sizeof buf, 0);
    keyctl(DH_COMPUTE, (long)(end ? end - 8 : bad), (long)buf, sizeof buf, 0);

    char query[56];
    keyctl(PKEY_QUERY, a, 0, (long)"enc=pkcs1", (long)query);
    keyctl(PKEY_QUERY, a, 1, (long)null, (long)bad);
    struct {
        int32_t key_id;
        uint32_t in_len, out_len, spare[7];
    } params = {(int32_t)a, 4, 16, {0, 0, 0, 0, 0, 0, 0}};
    keyctl(PKEY_ENCRYPT, (long)&params, (long)"enc=pkcs1", (long)"data", (long)buf);
    keyctl(PKEY_SIGN, (long)&params, (long)"enc=pkcs1 hash=sha256", (long)"data", (long)buf);
    keyctl(PKEY_DECRYPT, (long)bad, (long)"enc=pkcs1", (long)"data", (long)buf);
    params.spare[0] = 1;
    keyctl(PKEY_VERIFY, (long)&params, (long)null, (long)"data", (long)"signature-16byte");
    keyctl(PKEY_VERIFY, (long)null, (long)null, (long)null, (long)null);

    unsigned char caps[8];
    keyctl(CAPABILITIES, (long)caps, 2, 0, 0);
    keyctl(CAPABILITIES, (long)caps, sizeof caps, 0, 0);
    keyctl(CAPABILITIES, (long)caps, 1, 0, 0);
    keyctl(CAPABILITIES, (long)null, 0, 0, 0);
    keyctl(CAPABILITIES, (long)bad, 4, 0, 0);

    keyctl(WATCH_KEY, a, -1, 0, 0);
    keyctl(0xdead, 1, 2, 3, 4);
    keyctl(-1, 0, 0, 0, 0);
    keyctl(JOIN_SESSION_KEYRING, (long)bad, 0, 0, 0);
    keyctl(RESTRICT_KEYRING, KEY_SPEC_SESSION_KEYRING, (long)"nosuchtype", (long)null, 0);
    keyctl(RESTRICT_KEYRING, KEY_SPEC_SESSION_KEYRING, (long)bad, (long)bad, 0);

    /* our keys go, then what our keyrings hold */
    keyctl(REVOKE, b, 0, 0, 0);
    keyctl(INVALIDATE, a, 0, 0, 0);
    keyctl(REVOKE, 12345, 0, 0, 0);
    keyctl(CLEAR, KEY_SPEC_THREAD_KEYRING, 0, 0, 0);
    keyctl(CLEAR, KEY_SPEC_SESSION_KEYRING, 0, 0, 0);
    return 0;
}
