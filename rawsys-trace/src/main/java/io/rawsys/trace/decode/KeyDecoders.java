package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's key management as strace's keyctl.c prints it: add_key, request_key and keyctl by
 * command, each key serial by its KEY_SPEC_* name where it has one, the structs of the
 * Diffie-Hellman and public-key commands read as their fixed layouts (linux/keyctl.h; not among
 * rawsys's generated ones).
 */
final class KeyDecoders {
    private KeyDecoders() {}

    static final Xlat KEY_SPEC = Xlat.load("key_spec");
    static final Xlat COMMANDS = Xlat.load("keyctl_commands");
    static final Xlat REQKEYS = Xlat.load("key_reqkeys");
    static final Xlat PERMS = Xlat.load("key_perms");
    static final Xlat MOVE_FLAGS = Xlat.load("keyctl_move_flags");
    static final Xlat PKEY_OPS = Xlat.load("keyctl_pkey_ops");
    static final Xlat CAPS0 = Xlat.load("keyctl_caps0");
    static final Xlat CAPS1 = Xlat.load("keyctl_caps1");

    static void register(Decoders d) {
        d.add(
                "add_key",
                Coded.atEntry(
                        c -> {
                            long length = Args.kulong(c, 3);
                            c.print(Args.STRING.print(c, 0));
                            c.print(Args.STRING.print(c, 1));
                            c.print(string(c, c.ulong(2), length));
                            c.print(Long.toUnsignedString(length));
                            c.print(serial(c, c.sint(4)));
                        }));
        d.add(
                "request_key",
                Coded.atEntry(
                        c -> {
                            c.print(Args.STRING.print(c, 0));
                            c.print(Args.STRING.print(c, 1));
                            c.print(Args.STRING.print(c, 2));
                            c.print(serial(c, c.sint(3)));
                        }));
        d.add(
                "keyctl",
                new Coded(
                        KeyDecoders::keyctlEntry, c -> c.state() != null, KeyDecoders::keyctlExit));
    }

    /** A key serial: {@code KEY_SPEC_SESSION_KEYRING}, or the number in decimal. */
    static String serial(Call c, int id) {
        return KEY_SPEC.name(c.arch(), id) != null
                ? KEY_SPEC.decimal(c.arch(), id)
                : Integer.toString(id);
    }

    /** {@code length} bytes at {@code address}, quoted as strace's printstrn. */
    private static String string(Call c, long address, long length) {
        return FileArgs.string(
                c,
                address,
                length < 0 ? Long.MAX_VALUE : length,
                c.settings().stringLimit(),
                false);
    }

    /** strace's printuid: {@code -1} for (uid_t) -1, else unsigned. */
    private static String uid(long id) {
        int v = (int) id;
        return v == -1 ? "-1" : Integer.toUnsignedString(v);
    }

    /** What a command prints at exit, and what it needs from its entry. */
    private record Pending(String command, long outLength) {}

    private static void keyctlEntry(Call c) {
        c.state(null);
        int cmd = c.sint(0);
        long arg2 = Args.kulong(c, 1);
        long arg3 = Args.kulong(c, 2);
        long arg4 = Args.kulong(c, 3);
        long arg5 = Args.kulong(c, 4);
        c.print(COMMANDS.value(c.arch(), Integer.toUnsignedLong(cmd)));
        String name = COMMANDS.name(c.arch(), Integer.toUnsignedLong(cmd));
        switch (name == null ? "" : name) {
            case "KEYCTL_GET_KEYRING_ID" -> {
                c.print(serial(c, (int) arg2));
                c.print(Integer.toString((int) arg3));
            }
            case "KEYCTL_JOIN_SESSION_KEYRING" -> c.print(Args.STRING.print(c, 1));
            case "KEYCTL_UPDATE" -> {
                c.print(serial(c, (int) arg2));
                c.print(string(c, arg3, arg4));
                c.print(Long.toUnsignedString(arg4));
            }
            case "KEYCTL_REVOKE", "KEYCTL_CLEAR", "KEYCTL_INVALIDATE", "KEYCTL_ASSUME_AUTHORITY" ->
                    c.print(serial(c, (int) arg2));
            case "KEYCTL_LINK", "KEYCTL_UNLINK" -> {
                c.print(serial(c, (int) arg2));
                c.print(serial(c, (int) arg3));
            }
            case "KEYCTL_DESCRIBE", "KEYCTL_READ", "KEYCTL_GET_SECURITY" -> {
                c.print(serial(c, (int) arg2));
                c.state(new Pending(name, 0));
            }
            case "KEYCTL_SEARCH" -> {
                c.print(serial(c, (int) arg2));
                c.print(Args.STRING.print(c, 2));
                c.print(Args.STRING.print(c, 3));
                c.print(serial(c, (int) arg5));
            }
            case "KEYCTL_CHOWN" -> {
                c.print(serial(c, (int) arg2));
                c.print(uid(arg3));
                c.print(uid(arg4));
            }
            case "KEYCTL_SETPERM" -> {
                c.print(serial(c, (int) arg2));
                c.print(PERMS.flags(c.arch(), arg3 & 0xffff_ffffL));
            }
            case "KEYCTL_INSTANTIATE" -> {
                c.print(serial(c, (int) arg2));
                c.print(string(c, arg3, arg4));
                c.print(Long.toUnsignedString(arg4));
                c.print(serial(c, (int) arg5));
            }
            case "KEYCTL_NEGATE" -> {
                c.print(serial(c, (int) arg2));
                c.print(Long.toString(arg3 & 0xffff_ffffL));
                c.print(serial(c, (int) arg4));
            }
            case "KEYCTL_SET_REQKEY_KEYRING" -> c.print(REQKEYS.decimal(c.arch(), (int) arg2));
            case "KEYCTL_SET_TIMEOUT" -> {
                c.print(serial(c, (int) arg2));
                c.print(Long.toString(arg3 & 0xffff_ffffL));
            }
            case "KEYCTL_SESSION_TO_PARENT" -> {}
            case "KEYCTL_REJECT" -> {
                c.print(serial(c, (int) arg2));
                c.print(Long.toString(arg3 & 0xffff_ffffL));
                c.print(errorName(c, arg4 & 0xffff_ffffL));
                c.print(serial(c, (int) arg5));
            }
            case "KEYCTL_INSTANTIATE_IOV" -> {
                c.print(serial(c, (int) arg2));
                c.print(iovecs(c, arg3, arg4));
                c.print(Long.toUnsignedString(arg4));
                c.print(serial(c, (int) arg5));
            }
            case "KEYCTL_GET_PERSISTENT" -> {
                c.print(uid(arg2));
                c.print(serial(c, (int) arg3));
            }
            case "KEYCTL_DH_COMPUTE" -> {
                c.print(dhParams(c, arg2));
                c.state(new Pending(name, 0));
            }
            case "KEYCTL_PKEY_QUERY" -> {
                c.print(serial(c, (int) arg2));
                c.print(Text.hex(arg3));
                c.print(Args.STRING.print(c, 3));
                c.state(new Pending(name, 0));
            }
            case "KEYCTL_PKEY_ENCRYPT", "KEYCTL_PKEY_DECRYPT", "KEYCTL_PKEY_SIGN" ->
                    pkeyEntry(c, name, arg2, arg4, arg5, true);
            case "KEYCTL_PKEY_VERIFY" -> pkeyEntry(c, name, arg2, arg4, arg5, false);
            case "KEYCTL_RESTRICT_KEYRING" -> {
                c.print(serial(c, (int) arg2));
                c.print(Args.STRING.print(c, 2));
                c.print(Args.STRING.print(c, 3));
            }
            case "KEYCTL_MOVE" -> {
                c.print(serial(c, (int) arg2));
                c.print(serial(c, (int) arg3));
                c.print(serial(c, (int) arg4));
                c.print(FileArgs.flags(c, MOVE_FLAGS, arg5 & 0xffff_ffffL, "KEYCTL_MOVE_???"));
            }
            case "KEYCTL_CAPABILITIES" -> c.state(new Pending(name, 0));
            default -> {
                c.print(Text.hex(arg2));
                c.print(Text.hex(arg3));
                c.print(Text.hex(arg4));
                c.print(Text.hex(arg5));
            }
        }
    }

    private static void keyctlExit(Call c) {
        if (!(c.state() instanceof Pending p)) {
            return;
        }
        long arg2 = Args.kulong(c, 1);
        long arg3 = Args.kulong(c, 2);
        long arg4 = Args.kulong(c, 3);
        long arg5 = Args.kulong(c, 4);
        switch (p.command()) {
            case "KEYCTL_DESCRIBE", "KEYCTL_READ", "KEYCTL_GET_SECURITY" -> {
                if (c.failed()) {
                    c.print(Text.pointer(arg3));
                } else {
                    long shown =
                            c.result() >= 0 && Long.compareUnsigned(c.result(), arg4) > 0
                                    ? arg4
                                    : c.result();
                    c.print(
                            FileArgs.string(
                                    c,
                                    arg3,
                                    shown < 0 ? Long.MAX_VALUE : shown,
                                    c.settings().stringLimit(),
                                    !p.command().equals("KEYCTL_READ")));
                }
                c.print(Long.toUnsignedString(arg4));
            }
            case "KEYCTL_DH_COMPUTE" -> {
                if (c.failed()) {
                    c.print(Text.pointer(arg3));
                } else {
                    long shown =
                            c.result() >= 0 && Long.compareUnsigned(c.result(), arg4) > 0
                                    ? arg4
                                    : c.result();
                    c.print(string(c, arg3, shown));
                }
                c.print(Long.toUnsignedString(arg4));
                c.print(kdfParams(c, arg5));
            }
            case "KEYCTL_PKEY_QUERY" -> c.print(pkeyQuery(c, arg5));
            case "KEYCTL_PKEY_ENCRYPT", "KEYCTL_PKEY_DECRYPT", "KEYCTL_PKEY_SIGN" ->
                    c.print(c.failed() ? Text.pointer(arg5) : string(c, arg5, p.outLength()));
            case "KEYCTL_CAPABILITIES" -> {
                if (c.failed()) {
                    c.print(Text.pointer(arg2));
                } else {
                    long count = Long.compareUnsigned(arg3, c.result()) < 0 ? arg3 : c.result();
                    c.print(
                            FileArgs.array(
                                    c,
                                    arg2,
                                    count,
                                    1,
                                    (s, i) -> {
                                        long b = s.get(ValueLayout.JAVA_BYTE, 0) & 0xff;
                                        return i == 0
                                                ? FileArgs.flags(c, CAPS0, b, "KEYCTL_CAPS0_???")
                                                : i == 1
                                                        ? FileArgs.flags(
                                                                c, CAPS1, b, "KEYCTL_CAPS1_???")
                                                        : Text.hex(b);
                                    }));
                }
                c.print(Long.toUnsignedString(arg3));
            }
            default -> {}
        }
    }

    /**
     * KEYCTL_INSTANTIATE_IOV's {@code [{iov_base="…", iov_len=5}, …]}, each base quoted as long as
     * its length (up to -s): as FileArgs.iovecs, but a length of 2^63 or more is read as the
     * unsigned length it is (so an unreadable base prints as its address, as strace prints it),
     * where iovecs reads nothing.
     */
    private static String iovecs(Call c, long address, long count) {
        int word = c.arch().wordSize();
        return FileArgs.array(
                c,
                address,
                count,
                2 * word,
                (s, i) -> {
                    long base = Peek.wordAt(c, s, 0);
                    long length = Peek.wordAt(c, s, word);
                    return "{iov_base="
                            + string(c, base, length)
                            + ", iov_len="
                            + Long.toUnsignedString(length)
                            + "}";
                });
    }

    /** strace's print_err: an errno by name, or the number. */
    private static String errorName(Call c, long error) {
        return error < 4096
                ? c.arch().errnos().name((int) error).orElse(Long.toString(error))
                : Long.toString(error);
    }

    private static int u32(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    private static int u16(Call c, MemorySegment s, long offset) {
        return Short.toUnsignedInt(
                s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset));
    }

    /**
     * {@code __spare=[0x1, 0, …]}, after a comma, when any of the {@code count} 32-bit words at
     * {@code offset} is set; at most -s of them (all with -v).
     */
    private static String spare(Call c, MemorySegment s, long offset, int count) {
        boolean set = false;
        for (int i = 0; i < count; i++) {
            set |= u32(c, s, offset + 4L * i) != 0;
        }
        if (!set) {
            return "";
        }
        StringBuilder b = new StringBuilder(", __spare=[");
        // strace abbreviates an array at -s elements, but not with -v (abbrev=none)
        int limit = c.settings().verbose() ? count : c.settings().stringLimit();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (i >= limit) {
                b.append("...");
                break;
            }
            b.append(Text.hex(Integer.toUnsignedLong(u32(c, s, offset + 4L * i))));
        }
        return b.append(']').toString();
    }

    /** A struct keyctl_dh_params: three key serials. */
    private static String dhParams(Call c, long address) {
        MemorySegment s = address == 0 ? null : Peek.fetch(c, address, 12);
        if (s == null) {
            return Text.pointer(address);
        }
        return "{private="
                + serial(c, u32(c, s, 0))
                + ", prime="
                + serial(c, u32(c, s, 4))
                + ", base="
                + serial(c, u32(c, s, 8))
                + "}";
    }

    /**
     * A struct keyctl_kdf_params (two pointers, the other info's length, eight spare words), read
     * whatever the call's outcome, as strace reads it.
     */
    private static String kdfParams(Call c, long address) {
        int word = c.arch().wordSize();
        // strace reads the C struct whole: two pointers, 36 bytes, padded to a pointer's alignment
        MemorySegment s = Peek.peek(c, address, (2L * word + 36 + word - 1) / word * word);
        if (s == null) {
            return Text.pointer(address);
        }
        long hashname = Peek.wordAt(c, s, 0);
        long otherinfo = Peek.wordAt(c, s, word);
        long length = Integer.toUnsignedLong(u32(c, s, 2L * word));
        return "{hashname="
                + Args.cString(c, hashname, c.settings().stringLimit())
                + ", otherinfo="
                + (length != 0 ? string(c, otherinfo, length) : Text.pointer(otherinfo))
                + ", otherinfolen="
                + length
                + spare(c, s, 2L * word + 4, 8)
                + "}";
    }

    /** A struct keyctl_pkey_query, at exit. */
    private static String pkeyQuery(Call c, long address) {
        MemorySegment s = address == 0 ? null : Peek.fetch(c, address, 56);
        if (s == null) {
            return Text.pointer(address);
        }
        return "{supported_ops="
                + PKEY_OPS.flags(c.arch(), Integer.toUnsignedLong(u32(c, s, 0)))
                + ", key_size="
                + Integer.toUnsignedString(u32(c, s, 4))
                + ", max_data_size="
                + u16(c, s, 8)
                + ", max_sig_size="
                + u16(c, s, 10)
                + ", max_enc_size="
                + u16(c, s, 12)
                + ", max_dec_size="
                + u16(c, s, 14)
                + spare(c, s, 16, 10)
                + "}";
    }

    /**
     * The public-key operations' entry: their struct keyctl_pkey_params, the info string, the
     * input, and for verify (or when the struct cannot be read) the second buffer; the output of
     * encrypt, decrypt and sign at exit, as long as the struct's out_len.
     */
    private static void pkeyEntry(
            Call c, String name, long paramsAddress, long op1, long op2, boolean out) {
        MemorySegment s = paramsAddress == 0 ? null : Peek.fetch(c, paramsAddress, 40);
        if (s == null) {
            c.print(Text.pointer(paramsAddress));
        } else {
            c.print(
                    "{key_id="
                            + serial(c, u32(c, s, 0))
                            + ", in_len="
                            + Integer.toUnsignedString(u32(c, s, 4))
                            + (out ? ", out_len=" : ", in2_len=")
                            + Integer.toUnsignedString(u32(c, s, 8))
                            + spare(c, s, 12, 7)
                            + "}");
        }
        c.print(Args.STRING.print(c, 2));
        c.print(
                s == null
                        ? Text.pointer(op1)
                        : string(c, op1, Integer.toUnsignedLong(u32(c, s, 4))));
        if (!out || s == null) {
            c.print(
                    s == null
                            ? Text.pointer(op2)
                            : string(c, op2, Integer.toUnsignedLong(u32(c, s, 8))));
        } else {
            c.state(new Pending(name, Integer.toUnsignedLong(u32(c, s, 8))));
        }
    }
}
