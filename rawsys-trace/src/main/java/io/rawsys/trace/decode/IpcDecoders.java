package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * System V IPC as strace's ipc_sem.c, ipc_semctl.c, ipc_shm.c, ipc_shmctl.c, ipc_msg.c,
 * ipc_msgctl.c and print_msgbuf.c print it: semget, semop, semtimedop (and i386's
 * semtimedop_time64), semctl, shmget, shmat, shmdt, shmctl, msgget, msgsnd, msgrcv, msgctl.
 *
 * <p>The kernel's 64-bit IPC structs (semid64_ds, shmid64_ds, msqid64_ds, shm_info, shminfo64) are
 * not among rawsys's generated layouts, so their offsets are written here, for the x86
 * personalities only: i386's (with a high word after each time), and x86_64's, which x32 shares but
 * for shm_segsz, a 4-byte size_t there. On another architecture such a struct prints as its
 * address. As strace does, the structs are read as the 64-bit ones whether or not the command
 * carries IPC_64 ("we don't properly decode old compat ipc calls").
 */
final class IpcDecoders {
    private IpcDecoders() {}

    static final Xlat PRIVATE = Xlat.load("ipc_private");
    static final Xlat RESOURCE_FLAGS = Xlat.load("resource_flags");
    static final Xlat SEMOP_FLAGS = Xlat.load("semop_flags");
    static final Xlat SEMCTL = Xlat.load("semctl_flags");
    static final Xlat SHMCTL = Xlat.load("shmctl_flags");
    static final Xlat MSGCTL = Xlat.load("msgctl_flags");
    static final Xlat SHM_RESOURCE_FLAGS = Xlat.load("shm_resource_flags");
    static final Xlat SHM_FLAGS = Xlat.load("shm_flags");
    static final Xlat MSG_FLAGS = Xlat.load("ipc_msg_flags");
    static final Xlat IPC_64 = Xlat.load("ipc_64");
    static final Xlat SHM_HUGE_SHIFT = Xlat.load("shm_huge_shift");

    /** IPC_64's bit, and shmget's huge page size field (SHM_HUGE_MASK << SHM_HUGE_SHIFT). */
    private static final long IPC_64_BIT = 0x100;

    private static final int SHIFT = 26;
    private static final long HUGE_MASK = 0x3fL << SHIFT;

    /**
     * Offsets of the kernel's IPC structs on one personality: {@code k}, the size of its {@code
     * __kernel_long_t}; the ipc64_perm's size and its mode's width; then each member's offset.
     */
    private record Layout(
            int k,
            int perm,
            int mode,
            int semOtime,
            int semCtime,
            int semNsems,
            int semSize,
            int shmSegsz,
            int shmSegszSize,
            int shmAtime,
            int shmDtime,
            int shmCtime,
            int shmCpid,
            int shmLpid,
            int shmNattch,
            int shmSize,
            int msgStime,
            int msgRtime,
            int msgCtime,
            int msgQnum,
            int msgQbytes,
            int msgLspid,
            int msgLrpid,
            int msgSize) {}

    // The offsets in the record's order. i386's and x86_64's were checked with offsetof, compiled
    // by i686-linux-gnu-gcc and gcc against <linux/sem.h>, <linux/shm.h> and <linux/msg.h>; x32's
    // follow arch/x86/include/uapi/asm/{sem,shm,msg}buf.h (its __kernel_long_t is 8 bytes, its
    // size_t 4), no x32 compiler or kernel being at hand to check them.
    private static final Layout I386 =
            new Layout(
                    4, 36, 2, 36, 44, 52, 64, 36, 4, 40, 48, 56, 64, 68, 72, 84, 36, 44, 52, 64, 68,
                    72, 76, 88);

    private static final Layout X86_64 =
            new Layout(
                    8, 48, 4, 48, 64, 80, 104, 48, 8, 56, 64, 72, 80, 84, 88, 112, 48, 56, 64, 80,
                    88, 96, 100, 120);

    private static final Layout X32 =
            new Layout(
                    8, 48, 4, 48, 64, 80, 104, 48, 4, 56, 64, 72, 80, 84, 88, 112, 48, 56, 64, 80,
                    88, 96, 100, 120);

    /** The tracee's layout, or null on a personality whose layouts are not written here. */
    private static Layout layout(Call c) {
        return switch (c.arch().name()) {
            case "i386" -> I386;
            case "x86_64" -> X86_64;
            case "x32" -> X32;
            default -> null;
        };
    }

    static void register(Decoders d) {
        d.add("semget", Coded.atEntry(IpcDecoders::semget));
        d.add("semop", Coded.atEntry(c -> semop(c, indirect(c) ? 3 : 1, indirect(c) ? 1 : 2)));
        d.add(
                "semtimedop",
                Coded.atEntry(
                        c -> {
                            boolean indirect = indirect(c);
                            semop(c, indirect ? 3 : 1, indirect ? 1 : 2);
                            c.print(ProcessStructs.timespec(c, c.ulong(indirect ? 4 : 3)));
                        }));
        d.add(
                "semtimedop_time64",
                Coded.atEntry(
                        c -> {
                            semop(c, 1, 2);
                            c.print(
                                    ProcessStructs.struct(
                                            c,
                                            c.ulong(3),
                                            "kernel_timespec",
                                            s ->
                                                    ProcessStructs.timespec(
                                                            c, s, "kernel_timespec", "")));
                        }));
        d.add(
                "semctl",
                new Coded(IpcDecoders::semctlEntry, IpcDecoders::more, IpcDecoders::semctlExit));
        d.add("shmget", Coded.atEntry(IpcDecoders::shmget));
        d.add(
                "shmat",
                Coded.atEntry(
                                c -> {
                                    boolean indirect = indirect(c);
                                    c.print(Integer.toString(c.sint(0)));
                                    c.print(Text.pointer(Args.kulong(c, indirect ? 3 : 1)));
                                    c.print(
                                            FileArgs.flags(
                                                    c,
                                                    SHM_FLAGS,
                                                    c.uint(indirect ? 1 : 2),
                                                    "SHM_???"));
                                })
                        .returning(IpcDecoders::shmatResult));
        d.add(
                "shmdt",
                Coded.atEntry(c -> c.print(Text.pointer(Args.kulong(c, indirect(c) ? 3 : 0)))));
        d.add(
                "shmctl",
                new Coded(c -> ctlEntry(c, SHMCTL), IpcDecoders::more, c -> ctlExit(c, SHMCTL)));
        d.add(
                "msgget",
                Coded.atEntry(
                        c -> {
                            c.print(key(c, c.uint(0)));
                            c.print(resourceFlags(c, RESOURCE_FLAGS, c.uint(1)));
                        }));
        d.add(
                "msgsnd",
                Coded.atEntry(
                        c -> {
                            boolean indirect = indirect(c);
                            long count = Args.kulong(c, indirect ? 1 : 2);
                            c.print(Integer.toString(c.sint(0)));
                            c.print(msgbuf(c, Args.kulong(c, indirect ? 3 : 1), count));
                            c.print(Long.toUnsignedString(count));
                            c.print(
                                    FileArgs.flags(
                                            c, MSG_FLAGS, c.uint(indirect ? 2 : 3), "MSG_???"));
                        }));
        d.add(
                "msgrcv",
                Coded.split(c -> c.print(Integer.toString(c.sint(0))), IpcDecoders::msgrcvExit));
        d.add(
                "msgctl",
                new Coded(c -> ctlEntry(c, MSGCTL), IpcDecoders::more, c -> ctlExit(c, MSGCTL)));
        d.add("ipc", Coded.atEntry(IpcDecoders::ipc));
        d.addCarrier("ipc", new IpcCall());
    }

    /**
     * Marks a call carried by i386's ipc(2) in its argument word 5, which no carried call uses:
     * strace's indirect_ipccall, whose arguments sit elsewhere (and its tcb's private word, ipc's
     * version, in the low bits). A 32-bit ABI's words never have this bit.
     */
    private static final long INDIRECT = 1L << 62;

    /** Whether this call was carried by ipc(2). */
    private static boolean indirect(Call c) {
        return c.arch().wordSize() == 4 && (c.word(5) & INDIRECT) != 0;
    }

    /** The version ipc(2)'s call carried in its upper 16 bits. */
    private static long version(Call c) {
        return c.word(5) & 0xffff;
    }

    static final Xlat IPC_CALLS = Xlat.load("ipccalls");

    /** The calls ipc(2) carries, by its call number. */
    private static final java.util.Map<Integer, String> CARRIED =
            java.util.Map.ofEntries(
                    java.util.Map.entry(1, "semop"),
                    java.util.Map.entry(2, "semget"),
                    java.util.Map.entry(3, "semctl"),
                    java.util.Map.entry(4, "semtimedop"),
                    java.util.Map.entry(11, "msgsnd"),
                    java.util.Map.entry(12, "msgrcv"),
                    java.util.Map.entry(13, "msgget"),
                    java.util.Map.entry(14, "msgctl"),
                    java.util.Map.entry(21, "shmat"),
                    java.util.Map.entry(22, "shmdt"),
                    java.util.Map.entry(23, "shmget"),
                    java.util.Map.entry(24, "shmctl"));

    /**
     * i386's {@code ipc(call, first, second, third, ptr, fifth)} as strace's decode_ipc_subcall
     * reads it: the call its low 16 bits name, with the five words after it as its arguments (each
     * carried call's decoder knows where ipc puts what); the version in the upper 16 bits is kept
     * for msgrcv.
     */
    static final class IpcCall implements Decoders.Carrier {
        @Override
        public java.util.Set<String> carries() {
            return java.util.Set.copyOf(CARRIED.values());
        }

        @Override
        public Decoders.Carried carried(io.rawsys.Arch arch, long[] args, Memory memory) {
            if (arch.wordSize() != 4 || args.length < 6) {
                return null;
            }
            long call = args[0] & 0xffff_ffffL;
            String name = CARRIED.get((int) (call & 0xffff));
            if (name == null) {
                return null;
            }
            long[] carried = new long[6];
            System.arraycopy(args, 1, carried, 0, 5);
            carried[5] = INDIRECT | (call >>> 16);
            return new Decoders.Carried(name, carried);
        }
    }

    /** ipc(2) carrying nothing strace knows: {@code ipc(1<<16|99, 0x1, …)}. */
    private static void ipc(Call c) {
        long call = c.uint(0);
        long version = call >>> 16;
        long number = call & 0xffff;
        String text =
                IPC_CALLS.name(c.arch(), number) != null
                        ? IPC_CALLS.value(c.arch(), number)
                        : Long.toString(number);
        c.print(version != 0 ? version + "<<16|" + text : text);
        for (int i = 1; i < 6; i++) {
            c.print(Text.hex(c.ulong(i)));
        }
    }

    /** shmat's address: the result, or through ipc(2) the word its third argument points to. */
    private static String shmatResult(Call c) {
        if (!indirect(c)) {
            return Results.HEX.apply(c);
        }
        MemorySegment s = Peek.peek(c, c.ulong(2), 4);
        return s == null ? "?" : Text.hex(Integer.toUnsignedLong(int32(c, s, 0)));
    }

    private static void msgrcvExit(Call c) {
        if (!indirect(c)) {
            c.print(msgbuf(c, Args.kulong(c, 1), Args.kulong(c, 2)));
            c.print(Long.toUnsignedString(Args.kulong(c, 2)));
            c.print(Long.toString(Args.kernelLong(c) == 8 ? c.word(3) : (long) c.sint(3)));
            c.print(FileArgs.flags(c, MSG_FLAGS, c.uint(4), "MSG_???"));
            return;
        }
        long count = c.uint(1);
        if (version(c) != 0) {
            c.print(msgbuf(c, c.ulong(3), count));
            c.print(Long.toUnsignedString(count));
            c.print(Long.toString(c.sint(4)));
        } else {
            // version 0: ptr points to {msgp, msgtyp} (the kernel's ipc_kludge)
            MemorySegment pair = c.ulong(3) == 0 ? null : Peek.fetch(c, c.ulong(3), 8);
            if (pair == null) {
                c.print(Text.pointer(c.ulong(3)));
                c.print(Long.toUnsignedString(count));
            } else {
                c.print(msgbuf(c, Integer.toUnsignedLong(int32(c, pair, 0)), count));
                c.print(Long.toUnsignedString(count));
                c.print(Integer.toString(int32(c, pair, 4)));
            }
        }
        c.print(FileArgs.flags(c, MSG_FLAGS, c.uint(2), "MSG_???"));
    }

    /** A key: IPC_PRIVATE, or any other in hex without a comment. */
    private static String key(Call c, long key) {
        return PRIVATE.name(c.arch(), key) != null ? PRIVATE.value(c.arch(), key) : Text.hex(key);
    }

    /**
     * strace's {@code printflags(table, flags & ~0777, NULL)}, then {@code |} only if a name was
     * printed, then the permission bits in octal: {@code IPC_CREAT|0600}, {@code 0600}, and for
     * bits no name covers, {@code 0x10000} run into the mode ({@code 0x100000600}), as strace
     * prints it.
     */
    private static String resourceFlags(Call c, Xlat table, long flags) {
        return flagsBeforeMode(c, table, flags & ~0777L) + Text.octal(flags & 0777);
    }

    /** The flags and the {@code |} strace prints before a mode: nothing for none. */
    private static String flagsBeforeMode(Call c, Xlat table, long flags) {
        if (flags == 0) {
            return "";
        }
        String text = table.flags(c.arch(), flags);
        return text.startsWith("0x") ? text : text + "|";
    }

    private static void semget(Call c) {
        c.print(key(c, c.uint(0)));
        c.print(Integer.toString(c.sint(1)));
        c.print(resourceFlags(c, RESOURCE_FLAGS, c.uint(2)));
    }

    private static void shmget(Call c) {
        c.print(key(c, c.uint(0)));
        c.print(Long.toUnsignedString(Args.kulong(c, 1)));
        long all = Args.kulong(c, 2);
        long flags = all & ~0777L & 0xffff_ffffL;
        long huge = flags & HUGE_MASK;
        flags &= ~HUGE_MASK;
        StringBuilder s = new StringBuilder();
        if (flags != 0) {
            s.append(SHM_RESOURCE_FLAGS.flags(c.arch(), flags));
        }
        if (huge != 0) {
            if (flags != 0) {
                s.append('|');
            }
            s.append(huge >>> SHIFT).append("<<").append(SHM_HUGE_SHIFT.value(c.arch(), SHIFT));
        }
        if (flags != 0 || huge != 0) {
            s.append('|');
        }
        c.print(s.append(Text.octal(all & 0777)).toString());
    }

    /** semop's sops and nsops, from words {@code sops} and {@code count}. */
    private static void semop(Call c, int sops, int count) {
        c.print(Integer.toString(c.sint(0)));
        long n = c.uint(count);
        c.print(
                FileArgs.array(
                        c,
                        Args.kulong(c, sops),
                        n,
                        6,
                        (s, i) -> {
                            var order = c.arch().byteOrder();
                            int num =
                                    Short.toUnsignedInt(
                                            s.get(
                                                    ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                                            order),
                                                    0));
                            short op = s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), 2);
                            int flg =
                                    Short.toUnsignedInt(
                                            s.get(
                                                    ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                                            order),
                                                    4));
                            return "{sem_num="
                                    + num
                                    + ", sem_op="
                                    + op
                                    + ", sem_flg="
                                    + FileArgs.flags(c, SEMOP_FLAGS, flg, "SEM_???")
                                    + "}";
                        }));
        c.print(Long.toString(n));
    }

    /** A control command: {@code IPC_64|IPC_STAT}, {@code 0x63 /* SEM_??? *}{@code /}. */
    private static String command(Call c, Xlat table, long cmd) {
        String prefix = (cmd & IPC_64_BIT) != 0 ? IPC_64.value(c.arch(), IPC_64_BIT) + "|" : "";
        return prefix + table.value(c.arch(), cmd & ~IPC_64_BIT);
    }

    /** The command without IPC_64, by name: what strace switches on. */
    private static String commandName(Call c, Xlat table, long cmd) {
        String name = table.name(c.arch(), cmd & ~IPC_64_BIT);
        return name == null ? "" : name;
    }

    private static boolean decodedAtExit(String name) {
        return switch (name) {
            case "IPC_STAT",
                    "IPC_INFO",
                    "SEM_STAT",
                    "SEM_STAT_ANY",
                    "SEM_INFO",
                    "SHM_STAT",
                    "SHM_STAT_ANY",
                    "SHM_INFO",
                    "MSG_STAT",
                    "MSG_STAT_ANY",
                    "MSG_INFO" ->
                    true;
            default -> false;
        };
    }

    /**
     * What a control call keeps from its entry for its exit: the command's name and the buffer's
     * address, when the buffer is printed at exit.
     */
    private record Pending(String command, long address, boolean indirect) {}

    /** Whether the control call's buffer is printed at exit. */
    private static boolean more(Call c) {
        return c.state() instanceof Pending;
    }

    private static void semctlEntry(Call c) {
        c.state(null);
        c.print(Integer.toString(c.sint(0)));
        c.print(Integer.toString(c.sint(1)));
        c.print(command(c, SEMCTL, c.uint(2)));
        String cmd = commandName(c, SEMCTL, c.uint(2));
        boolean indirect = indirect(c);
        long addr = Args.kulong(c, 3);
        if (indirect) {
            // ipc(2) passes a pointer to the union semun: strace prints what it holds
            MemorySegment ptr = addr == 0 ? null : Peek.fetch(c, addr, c.arch().wordSize());
            if (ptr == null) {
                c.print(Text.pointer(addr));
                return;
            }
            addr = Integer.toUnsignedLong(int32(c, ptr, 0));
        }
        if (cmd.equals("IPC_SET")) {
            c.print(semid(c, addr, true, indirect));
        } else if (decodedAtExit(cmd)) {
            c.state(new Pending(cmd, addr, indirect));
        } else {
            c.print(indirect ? "[" + Text.pointer(addr) + "]" : Text.pointer(addr));
        }
    }

    private static void semctlExit(Call c) {
        if (!(c.state() instanceof Pending p)) {
            return;
        }
        c.print(
                p.command().equals("IPC_INFO") || p.command().equals("SEM_INFO")
                        ? seminfo(c, p.address())
                        : semid(c, p.address(), false, p.indirect()));
    }

    private static void ctlEntry(Call c, Xlat table) {
        c.state(null);
        c.print(Integer.toString(c.sint(0)));
        c.print(command(c, table, c.uint(1)));
        String cmd = commandName(c, table, c.uint(1));
        long addr = Args.kulong(c, indirect(c) ? 3 : 2);
        if (cmd.equals("IPC_SET")) {
            c.print(table == SHMCTL ? shmid(c, addr, true) : msqid(c, addr, true));
        } else if (decodedAtExit(cmd)) {
            c.state(new Pending(cmd, addr, false));
        } else {
            c.print(Text.pointer(addr));
        }
    }

    private static void ctlExit(Call c, Xlat table) {
        if (!(c.state() instanceof Pending p)) {
            return;
        }
        long addr = p.address();
        c.print(
                switch (p.command()) {
                    case "IPC_INFO" -> table == SHMCTL ? shminfo(c, addr) : msginfo(c, addr);
                    case "SHM_INFO" -> shmInfo(c, addr);
                    case "MSG_INFO" -> msginfo(c, addr);
                    default -> table == SHMCTL ? shmid(c, addr, false) : msqid(c, addr, false);
                });
    }

    /** An unsigned member of {@code size} bytes at {@code offset}. */
    private static long unsigned(Call c, MemorySegment s, int offset, int size) {
        var order = c.arch().byteOrder();
        return switch (size) {
            case 2 ->
                    Short.toUnsignedLong(
                            s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset));
            case 4 ->
                    Integer.toUnsignedLong(
                            s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset));
            default -> s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset);
        };
    }

    private static String u(Call c, MemorySegment s, int offset, int size) {
        return Long.toUnsignedString(unsigned(c, s, offset, size));
    }

    private static int int32(Call c, MemorySegment s, int offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** strace's printuid: unsigned, but -1 as {@code -1}. */
    private static String id(Call c, MemorySegment s, int offset) {
        int id = int32(c, s, offset);
        return id == -1 ? "-1" : Integer.toUnsignedString(id);
    }

    /**
     * The struct {@code size} bytes long at {@code address}, as strace's umove_or_printaddr reads
     * it (the address when it cannot, or at the exit of a call that failed), printed by {@code
     * format} with the tracee's layout; the address on a personality without one.
     */
    private static String read(
            Call c,
            long address,
            java.util.function.ToIntFunction<Layout> size,
            java.util.function.BiFunction<Layout, MemorySegment, String> format) {
        Layout l = layout(c);
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = l == null ? null : Peek.fetch(c, address, size.applyAsInt(l));
        return s == null ? Text.pointer(address) : format.apply(l, s);
    }

    /**
     * The ipc64_perm at the start of {@code s}: all of it, or for IPC_SET what the kernel reads.
     */
    private static String perm(Call c, Layout l, MemorySegment s, boolean set) {
        StringBuilder b =
                new StringBuilder("{uid=")
                        .append(id(c, s, 4))
                        .append(", gid=")
                        .append(id(c, s, 8))
                        .append(", mode=")
                        .append(Text.octal(unsigned(c, s, 20, l.mode())));
        if (!set) {
            b.append(", key=")
                    .append(u(c, s, 0, 4))
                    .append(", cuid=")
                    .append(id(c, s, 12))
                    .append(", cgid=")
                    .append(id(c, s, 16));
        }
        return b.append('}').toString();
    }

    private static String semid(Call c, long address, boolean set, boolean indirect) {
        String text = semid(c, address, set);
        return indirect && !text.startsWith("{") ? "[" + text + "]" : text;
    }

    private static String semid(Call c, long address, boolean set) {
        return read(
                c,
                address,
                Layout::semSize,
                (l, s) -> {
                    StringBuilder b = new StringBuilder("{sem_perm=").append(perm(c, l, s, set));
                    if (!set) {
                        b.append(", sem_otime=")
                                .append(u(c, s, l.semOtime(), l.k()))
                                .append(", sem_ctime=")
                                .append(u(c, s, l.semCtime(), l.k()))
                                .append(", sem_nsems=")
                                .append(u(c, s, l.semNsems(), l.k()));
                    }
                    return b.append('}').toString();
                });
    }

    private static String seminfo(Call c, long address) {
        return read(
                c,
                address,
                l -> 40,
                (l, s) -> {
                    String[] names = {
                        "semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm", "semume",
                        "semusz", "semvmx", "semaem"
                    };
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < names.length; i++) {
                        b.append(i == 0 ? "" : ", ")
                                .append(names[i])
                                .append('=')
                                .append(int32(c, s, 4 * i));
                    }
                    return b.append('}').toString();
                });
    }

    private static String shmid(Call c, long address, boolean set) {
        return read(
                c,
                address,
                Layout::shmSize,
                (l, s) -> {
                    StringBuilder b = new StringBuilder("{shm_perm=").append(perm(c, l, s, set));
                    if (!set) {
                        b.append(", shm_segsz=")
                                .append(u(c, s, l.shmSegsz(), l.shmSegszSize()))
                                .append(", shm_cpid=")
                                .append(int32(c, s, l.shmCpid()))
                                .append(", shm_lpid=")
                                .append(int32(c, s, l.shmLpid()))
                                .append(", shm_nattch=")
                                .append(u(c, s, l.shmNattch(), l.k()))
                                .append(", shm_atime=")
                                .append(u(c, s, l.shmAtime(), l.k()))
                                .append(", shm_dtime=")
                                .append(u(c, s, l.shmDtime(), l.k()))
                                .append(", shm_ctime=")
                                .append(u(c, s, l.shmCtime(), l.k()));
                    }
                    return b.append('}').toString();
                });
    }

    /** IPC_INFO's struct shminfo64: its five limits. */
    private static String shminfo(Call c, long address) {
        return read(
                c,
                address,
                l -> 9 * l.k(),
                (l, s) -> {
                    String[] names = {"shmmax", "shmmin", "shmmni", "shmseg", "shmall"};
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < names.length; i++) {
                        b.append(i == 0 ? "" : ", ")
                                .append(names[i])
                                .append('=')
                                .append(u(c, s, i * l.k(), l.k()));
                    }
                    return b.append('}').toString();
                });
    }

    /** SHM_INFO's struct shm_info. */
    private static String shmInfo(Call c, long address) {
        return read(
                c,
                address,
                l -> 6 * l.k(),
                (l, s) -> {
                    String[] names = {
                        "shm_tot", "shm_rss", "shm_swp", "swap_attempts", "swap_successes"
                    };
                    StringBuilder b = new StringBuilder("{used_ids=").append(int32(c, s, 0));
                    for (int i = 0; i < names.length; i++) {
                        b.append(", ")
                                .append(names[i])
                                .append('=')
                                .append(u(c, s, (i + 1) * l.k(), l.k()));
                    }
                    return b.append('}').toString();
                });
    }

    private static String msqid(Call c, long address, boolean set) {
        return read(
                c,
                address,
                Layout::msgSize,
                (l, s) -> {
                    StringBuilder b = new StringBuilder("{msg_perm=").append(perm(c, l, s, set));
                    if (!set) {
                        b.append(", msg_stime=")
                                .append(u(c, s, l.msgStime(), l.k()))
                                .append(", msg_rtime=")
                                .append(u(c, s, l.msgRtime(), l.k()))
                                .append(", msg_ctime=")
                                .append(u(c, s, l.msgCtime(), l.k()))
                                .append(", msg_qnum=")
                                .append(u(c, s, l.msgQnum(), l.k()));
                    }
                    b.append(", msg_qbytes=").append(u(c, s, l.msgQbytes(), l.k()));
                    if (!set) {
                        b.append(", msg_lspid=")
                                .append(int32(c, s, l.msgLspid()))
                                .append(", msg_lrpid=")
                                .append(int32(c, s, l.msgLrpid()));
                    }
                    return b.append('}').toString();
                });
    }

    /** IPC_INFO's and MSG_INFO's struct msginfo: seven ints and an unsigned short. */
    private static String msginfo(Call c, long address) {
        return read(
                c,
                address,
                l -> 32,
                (l, s) -> {
                    String[] names = {
                        "msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz", "msgtql"
                    };
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < names.length; i++) {
                        b.append(i == 0 ? "" : ", ")
                                .append(names[i])
                                .append('=')
                                .append(int32(c, s, 4 * i));
                    }
                    return b.append(", msgseg=").append(u(c, s, 28, 2)).append('}').toString();
                });
    }

    /**
     * A struct msgbuf of {@code count} bytes of text: {@code {mtype=1, mtext="hi"}}, its address if
     * the struct cannot be read (or at the exit of a call that failed).
     */
    private static String msgbuf(Call c, long address, long count) {
        int k = Args.kernelLong(c);
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Peek.fetch(c, address, 2L * k);
        if (s == null) {
            return Text.pointer(address);
        }
        long mtype =
                k == 8
                        ? s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), 0)
                        : int32(c, s, 0);
        return "{mtype="
                + mtype
                + ", mtext="
                + FileArgs.string(
                        c,
                        address + k,
                        count < 0 ? Long.MAX_VALUE : count,
                        c.settings().stringLimit(),
                        false)
                + "}";
    }
}
