package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Function;

/**
 * bpf, as strace 6.1 prints it: the command, then the union bpf_attr as that command's struct, read
 * from as many bytes as the size argument says (up to a page) and printed member by member as far
 * as those bytes reach, members past the kernel's struct shown as {@code ...} when any is not zero
 * ({@code extra_data=…} with -v); a size of 0 or over a page, an unknown command or an unreadable
 * attr prints as the address. Most commands print at entry; those the kernel answers in the attr
 * print the rest when the call has returned (the *_GET_NEXT_ID commands' {@code next_id => N},
 * BPF_OBJ_GET_INFO_BY_FD's info, BPF_PROG_QUERY's program ids, BPF_TASK_FD_QUERY's buffer, the
 * batch commands' count).
 *
 * <p>The structs are the same on every architecture (every pointer a 64-bit member), so their
 * offsets are written here, as strace's bpf_attr.h writes them. With -v, eBPF programs print
 * instruction by instruction, and BPF_OBJ_GET_INFO_BY_FD's info, for a descriptor of a map or a
 * program, prints as the struct bpf_map_info or bpf_prog_info the kernel wrote (with what it
 * changed, {@code nr_map_ids=0 => 1}, and the date a program was loaded).
 */
final class BpfDecoders {
    private BpfDecoders() {}

    private static final Xlat COMMANDS = Xlat.load("bpf_commands");
    private static final Xlat MAP_TYPES = Xlat.load("bpf_map_types");
    private static final Xlat MAP_FLAGS = Xlat.load("bpf_map_flags");
    private static final Xlat PROG_TYPES = Xlat.load("bpf_prog_types");
    private static final Xlat PROG_FLAGS = Xlat.load("bpf_prog_flags");
    private static final Xlat LOOKUP_FLAGS = Xlat.load("bpf_map_lookup_elem_flags");
    private static final Xlat UPDATE_FLAGS = Xlat.load("bpf_map_update_elem_flags");
    private static final Xlat ATTACH_TYPES = Xlat.load("bpf_attach_type");
    private static final Xlat ATTACH_FLAGS = Xlat.load("bpf_attach_flags");
    private static final Xlat QUERY_FLAGS = Xlat.load("bpf_query_flags");
    private static final Xlat TASK_FD_TYPES = Xlat.load("bpf_task_fd_type");
    private static final Xlat TEST_RUN_FLAGS = Xlat.load("bpf_test_run_flags");
    private static final Xlat KPROBE_MULTI_FLAGS = Xlat.load("bpf_link_create_kprobe_multi_flags");
    private static final Xlat FILE_MODE_FLAGS = Xlat.load("bpf_file_mode_flags");
    private static final Xlat NUMA_NODES = Xlat.load("numa_node");
    private static final Xlat U64_MAX = Xlat.load("uint64_max");

    /** The largest attr strace reads: a page. */
    private static final long PAGE = 4096;

    // the flags and attach types that bring in more members
    private static final long F_NUMA_NODE = 1 << 2;
    private static final long F_REPLACE = 1 << 2;
    private static final long TRACE_ITER = 28;
    private static final long PERF_EVENT = 41;
    private static final long TRACE_KPROBE_MULTI = 42;

    /** BPF_OBJ_NAME_LEN: the size of map_name and prog_name. */
    private static final int NAME_LEN = 16;

    /** A raw tracepoint's name is read up to this many bytes. */
    private static final int TP_NAME_SIZE = 128;

    /**
     * How a command's attr prints.
     *
     * @param size its struct's size (what strace copies, and past which it looks for extra data)
     * @param entry prints it at entry: the whole struct, or (for a command that also prints at
     *     exit) the part before
     * @param exit prints the rest at exit, or null for a command printed whole at entry
     * @param fd whether a successful call returns a descriptor
     */
    private record Command(
            int size, Function<Attr, String> entry, Function<Attr, String> exit, boolean fd) {}

    /**
     * A command's attr: the call, its struct's bytes (zero past those read), how many of them were
     * read, the size argument, and all the bytes read.
     */
    private record Attr(Call c, MemorySegment bytes, int len, long size, MemorySegment all) {
        long u32(int offset) {
            return Integer.toUnsignedLong(Peek.intAt(c, bytes, offset));
        }

        long u64(int offset) {
            return bytes.get(
                    ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
        }

        String u(int offset) {
            return Long.toString(u32(offset));
        }

        String fd(int offset) {
            return Args.fdText(c, (int) u32(offset));
        }

        String addr(int offset) {
            return Text.pointer(u64(offset));
        }

        String x64(int offset) {
            return Text.hex(u64(offset));
        }

        /** print_quoted_cstring of the char array at {@code offset}, {@code size} bytes. */
        String cstring(int offset, int size) {
            byte[] b = Peek.array(bytes, offset, size);
            int end = 0;
            while (end < size - 1 && b[end] != 0) {
                end++;
            }
            String quoted = Text.quote(b, end, c.settings().hex());
            boolean unterminated = end == size - 1 && b[end] != 0;
            return unterminated ? quoted + "..." : quoted;
        }

        /**
         * The members past the struct strace knows: {@code , ...} when any is not zero, with -v
         * {@code , extra_data="\x…" /* bytes N..M *}{@code /}; nothing otherwise.
         */
        String extra(long known) {
            if (size <= known) {
                return "";
            }
            byte[] tail = Peek.array(all, known, size - known);
            for (byte b : tail) {
                if (b != 0) {
                    return c.settings().verbose()
                            ? ", extra_data="
                                    + Text.quote(tail, tail.length, Text.Hex.ALL)
                                    + " /* bytes "
                                    + known
                                    + ".."
                                    + (size - 1)
                                    + " */"
                            : ", ...";
                }
            }
            return "";
        }
    }

    /**
     * What the decoder keeps from entry to exit: the command, the attr read at entry (for those
     * that print at exit), and for BPF_OBJ_GET_INFO_BY_FD with -v which object's info it is ({@code
     * anon_inode:bpf-map} or {@code anon_inode:bpf-prog}, else null) and that info as it was (zeros
     * where it could not be read).
     */
    private record State(Command command, Attr atEntry, String object, MemorySegment info) {
        State(Command command, Attr atEntry) {
            this(command, atEntry, null, null);
        }
    }

    private static final Command[] BY_COMMAND = new Command[32];

    static {
        BY_COMMAND[0] = new Command(72, BpfDecoders::mapCreate, null, true);
        BY_COMMAND[1] = new Command(32, BpfDecoders::mapLookupElem, null, false);
        BY_COMMAND[2] = new Command(32, BpfDecoders::mapUpdateElem, null, false);
        BY_COMMAND[3] =
                new Command(
                        16,
                        a -> "{map_fd=" + a.fd(0) + ", key=" + a.addr(8) + a.extra(16) + "}",
                        null,
                        false);
        BY_COMMAND[4] =
                new Command(
                        24,
                        a ->
                                "{map_fd="
                                        + a.fd(0)
                                        + ", key="
                                        + a.addr(8)
                                        + ", next_key="
                                        + a.addr(16)
                                        + a.extra(24)
                                        + "}",
                        null,
                        false);
        BY_COMMAND[5] = new Command(128, BpfDecoders::progLoad, null, true);
        BY_COMMAND[6] = new Command(16, BpfDecoders::objPin, null, true);
        BY_COMMAND[7] = BY_COMMAND[6];
        BY_COMMAND[8] = new Command(20, BpfDecoders::progAttach, null, false);
        BY_COMMAND[9] =
                new Command(
                        12,
                        a ->
                                "{target_fd="
                                        + a.fd(0)
                                        + ", attach_type="
                                        + ATTACH_TYPES.value(a.c().arch(), a.u32(8))
                                        + a.extra(12)
                                        + "}",
                        null,
                        false);
        BY_COMMAND[10] = new Command(76, BpfDecoders::progTestRun, null, false);
        Command nextId =
                new Command(
                        12,
                        a -> "{start_id=" + a.u(0) + ", next_id=" + a.u(4),
                        BpfDecoders::nextIdExit,
                        false);
        BY_COMMAND[11] = nextId;
        BY_COMMAND[12] = nextId;
        BY_COMMAND[23] = nextId;
        BY_COMMAND[31] = nextId;
        BY_COMMAND[13] = new Command(12, a -> fdById(a, "prog_id"), null, true);
        BY_COMMAND[14] = new Command(12, a -> fdById(a, "map_id"), null, true);
        BY_COMMAND[15] =
                new Command(
                        16,
                        a -> "{info={bpf_fd=" + a.fd(0) + ", info_len=" + a.u(4),
                        BpfDecoders::objGetInfoExit,
                        false);
        BY_COMMAND[16] =
                new Command(28, BpfDecoders::progQueryEntry, BpfDecoders::progQueryExit, false);
        BY_COMMAND[17] = new Command(12, BpfDecoders::rawTracepointOpen, null, false);
        BY_COMMAND[18] = new Command(28, BpfDecoders::btfLoad, null, true);
        BY_COMMAND[19] = new Command(4, a -> "{btf_id=" + a.u(0) + a.extra(4) + "}", null, true);
        BY_COMMAND[20] =
                new Command(48, BpfDecoders::taskFdQueryEntry, BpfDecoders::taskFdQueryExit, false);
        BY_COMMAND[21] = BY_COMMAND[1];
        BY_COMMAND[22] = new Command(4, a -> "{map_fd=" + a.fd(0) + a.extra(4) + "}", null, false);
        Command lookupBatch =
                new Command(56, a -> batch(a, true, true), BpfDecoders::batchExit, false);
        BY_COMMAND[24] = lookupBatch;
        BY_COMMAND[25] = lookupBatch;
        BY_COMMAND[26] = new Command(56, a -> batch(a, false, true), BpfDecoders::batchExit, false);
        BY_COMMAND[27] =
                new Command(56, a -> batch(a, false, false), BpfDecoders::batchExit, false);
        BY_COMMAND[28] = new Command(48, BpfDecoders::linkCreate, null, true);
        BY_COMMAND[29] = new Command(16, BpfDecoders::linkUpdate, null, false);
        BY_COMMAND[30] = new Command(4, a -> "{link_id=" + a.u(0) + a.extra(4) + "}", null, true);
    }

    static void register(Decoders d) {
        d.add(
                "bpf",
                new Coded(BpfDecoders::enter, c -> false, BpfDecoders::exit)
                        .returning(BpfDecoders::result)
                        .joinedBy(c -> ""));
    }

    /** The command's decoder, or null where strace prints the attr's address. */
    private static Command command(Call c) {
        long cmd = c.uint(0);
        long size = c.uint(2);
        return size > 0 && size <= PAGE && cmd < BY_COMMAND.length ? BY_COMMAND[(int) cmd] : null;
    }

    /** The attr as the command's struct, or null (its address printed) if it cannot be read. */
    private static Attr read(Call c, Command command) {
        long size = c.uint(2);
        MemorySegment read = Peek.peek(c, c.ulong(1), size);
        if (read == null) {
            return null;
        }
        int len = (int) Math.min(size, command.size());
        MemorySegment bytes = MemorySegment.ofArray(new byte[command.size()]);
        MemorySegment.copy(read, 0, bytes, 0, len);
        return new Attr(c, bytes, len, size, read);
    }

    private static void enter(Call c) {
        c.print(COMMANDS.value(c.arch(), c.uint(0)));
        Command command = command(c);
        Attr attr = command == null ? null : read(c, command);
        if (attr == null) {
            c.print(Text.pointer(c.ulong(1)));
            c.print(Long.toString(c.uint(2)));
            return;
        }
        c.print(command.entry().apply(attr));
        if (command.exit() == null) {
            c.print(Long.toString(c.uint(2)));
            c.state(new State(command, null));
        } else {
            c.state(
                    c.uint(0) == OBJ_GET_INFO_BY_FD && c.settings().verbose()
                            ? infoAtEntry(c, command, attr)
                            : new State(command, attr));
        }
    }

    private static void exit(Call c) {
        State state = c.state();
        if (state == null || state.atEntry() == null) {
            return;
        }
        Attr attr = read(c, state.command());
        c.print(attr == null ? Text.pointer(c.ulong(1)) : state.command().exit().apply(attr));
        c.print(Long.toString(c.uint(2)));
    }

    private static String result(Call c) {
        State state = c.state();
        return state != null && state.command().fd()
                ? Args.fdText(c, (int) c.result())
                : Long.toString(c.result());
    }

    /** The attr read when the call started, for the commands that print at exit. */
    private static Attr atEntry(Attr a) {
        State state = a.c().state();
        return state.atEntry();
    }

    private static String mapCreate(Attr a) {
        var arch = a.c().arch();
        StringBuilder b = new StringBuilder("{map_type=");
        b.append(MAP_TYPES.value(arch, a.u32(0)))
                .append(", key_size=")
                .append(a.u(4))
                .append(", value_size=")
                .append(a.u(8))
                .append(", max_entries=")
                .append(a.u(12));
        if (a.len() <= 16) {
            return b.append('}').toString();
        }
        long flags = a.u32(16);
        b.append(", map_flags=").append(MAP_FLAGS.flags(arch, flags));
        if (a.len() <= 20) {
            return b.append('}').toString();
        }
        b.append(", inner_map_fd=").append(a.fd(20));
        if (a.len() <= 24) {
            return b.append('}').toString();
        }
        if ((flags & F_NUMA_NODE) != 0) {
            long node = a.u32(24);
            String name = NUMA_NODES.name(arch, node);
            b.append(", numa_node=").append(node).append(name != null ? " /* " + name + " */" : "");
        }
        if (a.len() <= 28) {
            return b.append('}').toString();
        }
        b.append(", map_name=").append(a.cstring(28, Math.min(NAME_LEN, a.len() - 28)));
        if (a.len() <= 44) {
            return b.append('}').toString();
        }
        b.append(", map_ifindex=").append(InetAddresses.ifindex(a.u32(44)));
        if (a.len() <= 48) {
            return b.append('}').toString();
        }
        b.append(", btf_fd=")
                .append(a.fd(48))
                .append(", btf_key_type_id=")
                .append(a.u(52))
                .append(", btf_value_type_id=")
                .append(a.u(56));
        if (a.len() <= 60) {
            return b.append('}').toString();
        }
        b.append(", btf_vmlinux_value_type_id=").append(a.u(60));
        if (a.len() <= 64) {
            return b.append('}').toString();
        }
        long extra = a.u64(64);
        b.append(", map_extra=")
                .append(extra == -1 ? U64_MAX.value(arch, extra) : Long.toUnsignedString(extra));
        return b.append(a.extra(72)).append('}').toString();
    }

    private static String mapLookupElem(Attr a) {
        String s = "{map_fd=" + a.fd(0) + ", key=" + a.addr(8) + ", value=" + a.addr(16);
        if (a.len() <= 24) {
            return s + "}";
        }
        return s + ", flags=" + LOOKUP_FLAGS.flags(a.c().arch(), a.u64(24)) + a.extra(32) + "}";
    }

    private static String mapUpdateElem(Attr a) {
        return "{map_fd="
                + a.fd(0)
                + ", key="
                + a.addr(8)
                + ", value="
                + a.addr(16)
                + ", flags="
                + UPDATE_FLAGS.value(a.c().arch(), a.u64(24))
                + a.extra(32)
                + "}";
    }

    private static String progLoad(Attr a) {
        Call c = a.c();
        var arch = c.arch();
        long insnCnt = a.u32(4);
        StringBuilder b = new StringBuilder("{prog_type=");
        b.append(PROG_TYPES.value(arch, a.u32(0)))
                .append(", insn_cnt=")
                .append(insnCnt)
                .append(", insns=")
                .append(BpfPrograms.extended(c, a.u64(8), insnCnt))
                .append(", license=")
                .append(Args.cString(c, a.u64(16), c.settings().stringLimit()));
        if (a.len() <= 24) {
            return b.append('}').toString();
        }
        long logSize = a.u32(28);
        b.append(", log_level=")
                .append(a.u(24))
                .append(", log_size=")
                .append(logSize)
                .append(", log_buf=")
                .append(string(c, a.u64(32), logSize));
        if (a.len() <= 40) {
            return b.append('}').toString();
        }
        long version = a.u32(40);
        b.append(", kern_version=KERNEL_VERSION(")
                .append(version >>> 16)
                .append(", ")
                .append((version >>> 8) & 0xff)
                .append(", ")
                .append(version & 0xff)
                .append(')');
        if (a.len() <= 44) {
            return b.append('}').toString();
        }
        b.append(", prog_flags=").append(PROG_FLAGS.flags(arch, a.u32(44)));
        if (a.len() <= 48) {
            return b.append('}').toString();
        }
        b.append(", prog_name=").append(a.cstring(48, Math.min(NAME_LEN, a.len() - 48)));
        if (a.len() <= 64) {
            return b.append('}').toString();
        }
        b.append(", prog_ifindex=").append(InetAddresses.ifindex(a.u32(64)));
        if (a.len() <= 68) {
            return b.append('}').toString();
        }
        b.append(", expected_attach_type=").append(ATTACH_TYPES.value(arch, a.u32(68)));
        if (a.len() <= 72) {
            return b.append('}').toString();
        }
        b.append(", prog_btf_fd=")
                .append(a.fd(72))
                .append(", func_info_rec_size=")
                .append(a.u(76))
                .append(", func_info=")
                .append(a.addr(80))
                .append(", func_info_cnt=")
                .append(a.u(88))
                .append(", line_info_rec_size=")
                .append(a.u(92))
                .append(", line_info=")
                .append(a.addr(96))
                .append(", line_info_cnt=")
                .append(a.u(104));
        if (a.len() <= 108) {
            return b.append('}').toString();
        }
        b.append(", attach_btf_id=").append(a.u(108));
        if (a.len() <= 112) {
            return b.append('}').toString();
        }
        b.append(", attach_prog_fd=").append(a.fd(112));
        if (a.len() <= 120) {
            return b.append('}').toString();
        }
        b.append(", fd_array=").append(a.addr(120));
        return b.append(a.extra(128)).append('}').toString();
    }

    private static String objPin(Attr a) {
        String s =
                "{pathname=" + Args.cString(a.c(), a.u64(0), Args.PATH_MAX) + ", bpf_fd=" + a.fd(8);
        if (a.len() <= 12) {
            return s + "}";
        }
        return s
                + ", file_flags="
                + FILE_MODE_FLAGS.flags(a.c().arch(), a.u32(12))
                + a.extra(16)
                + "}";
    }

    private static String progAttach(Attr a) {
        var arch = a.c().arch();
        String s =
                "{target_fd="
                        + a.fd(0)
                        + ", attach_bpf_fd="
                        + a.fd(4)
                        + ", attach_type="
                        + ATTACH_TYPES.value(arch, a.u32(8))
                        + ", attach_flags="
                        + ATTACH_FLAGS.flags(arch, a.u32(12));
        if (a.len() <= 16) {
            return s + "}";
        }
        return s + ", replace_bpf_fd=" + a.fd(16) + a.extra(20) + "}";
    }

    private static String progTestRun(Attr a) {
        StringBuilder b = new StringBuilder("{test={prog_fd=");
        b.append(a.fd(0))
                .append(", retval=")
                .append(a.u(4))
                .append(", data_size_in=")
                .append(a.u(8))
                .append(", data_size_out=")
                .append(a.u(12))
                .append(", data_in=")
                .append(a.addr(16))
                .append(", data_out=")
                .append(a.addr(24))
                .append(", repeat=")
                .append(a.u(32))
                .append(", duration=")
                .append(a.u(36));
        if (a.len() > 40) {
            b.append(", ctx_size_in=")
                    .append(a.u(40))
                    .append(", ctx_size_out=")
                    .append(a.u(44))
                    .append(", ctx_in=")
                    .append(a.addr(48))
                    .append(", ctx_out=")
                    .append(a.addr(56));
        }
        if (a.len() > 64) {
            b.append(", flags=")
                    .append(TEST_RUN_FLAGS.flags(a.c().arch(), a.u32(64)))
                    .append(", cpu=")
                    .append(a.u(68));
        }
        if (a.len() > 72) {
            b.append(", batch_size=").append(a.u(72));
        }
        return b.append('}').append(a.extra(76)).append('}').toString();
    }

    /** The *_GET_NEXT_ID commands at exit: the id the kernel found, then open_flags. */
    private static String nextIdExit(Attr a) {
        Attr entry = atEntry(a);
        String s = entry.u32(4) != a.u32(4) ? " => " + a.u(4) : "";
        if (a.len() <= 8) {
            return s + "}";
        }
        return s
                + ", open_flags="
                + FILE_MODE_FLAGS.flags(a.c().arch(), a.u32(8))
                + a.extra(12)
                + "}";
    }

    private static String fdById(Attr a, String id) {
        String s = "{" + id + "=" + a.u(0) + ", next_id=" + a.u(4);
        if (a.len() <= 8) {
            return s + "}";
        }
        return s
                + ", open_flags="
                + FILE_MODE_FLAGS.flags(a.c().arch(), a.u32(8))
                + a.extra(12)
                + "}";
    }

    private static String objGetInfoExit(Attr a) {
        Attr entry = atEntry(a);
        String changed = entry.u32(4) != a.u32(4) ? " => " + a.u(4) : "";
        return changed + ", info=" + info(a) + "}" + a.extra(16) + "}";
    }

    private static final long OBJ_GET_INFO_BY_FD = 15;

    /** The kinds of objects whose info strace decodes, by their descriptors' paths. */
    private static final String MAP_OBJECT = "anon_inode:bpf-map";

    private static final String PROG_OBJECT = "anon_inode:bpf-prog";

    /** sizeof(struct bpf_map_info) and the part of struct bpf_prog_info strace 6.1 knows. */
    private static final int MAP_INFO_SIZE = 88;

    private static final int PROG_INFO_SIZE = 220;

    /** BPF_OBJ_GET_INFO_BY_FD with -v: which object the descriptor is, and its info now. */
    private static State infoAtEntry(Call c, Command command, Attr attr) {
        String path = c.settings().paths().path(c.pid(), (int) attr.u32(0));
        String object = MAP_OBJECT.equals(path) || PROG_OBJECT.equals(path) ? path : null;
        MemorySegment info = object == null ? null : fetchInfo(c, attr.u64(8), attr.u32(4));
        return new State(command, attr, object, info);
    }

    /** strace's fetch_bpf_obj_info: the info, zero past its size, or null. */
    private static MemorySegment fetchInfo(Call c, long address, long size) {
        if (size == 0 || size > PAGE) {
            return null;
        }
        MemorySegment read = Peek.peek(c, address, size);
        if (read == null) {
            return null;
        }
        MemorySegment info = MemorySegment.ofArray(new byte[(int) PAGE]);
        MemorySegment.copy(read, 0, info, 0, size);
        return info;
    }

    /** The info at exit: its address, or with -v a map's or a program's info decoded. */
    private static String info(Attr a) {
        Call c = a.c();
        State state = c.state();
        if (!c.settings().verbose() || state.object() == null) {
            return a.addr(8);
        }
        long size = a.u32(4);
        MemorySegment now = fetchInfo(c, a.u64(8), size);
        if (now == null) {
            return a.addr(8);
        }
        if (state.object().equals(MAP_OBJECT)) {
            return mapInfo(new Attr(c, now, (int) Math.min(size, MAP_INFO_SIZE), size, now));
        }
        MemorySegment before =
                state.info() != null ? state.info() : MemorySegment.ofArray(new byte[(int) PAGE]);
        return progInfo(
                new Attr(c, now, (int) Math.min(size, PROG_INFO_SIZE), size, now),
                new Attr(c, before, PROG_INFO_SIZE, 0, before));
    }

    private static String mapInfo(Attr i) {
        var arch = i.c().arch();
        StringBuilder b = new StringBuilder("{type=");
        b.append(MAP_TYPES.value(arch, i.u32(0)))
                .append(", id=")
                .append(i.u(4))
                .append(", key_size=")
                .append(i.u(8))
                .append(", value_size=")
                .append(i.u(12))
                .append(", max_entries=")
                .append(i.u(16))
                .append(", map_flags=")
                .append(MAP_FLAGS.flags(arch, i.u32(20)));
        if (i.len() <= 24) {
            return b.append('}').toString();
        }
        b.append(", name=").append(i.cstring(24, NAME_LEN));
        if (i.len() <= 40) {
            return b.append('}').toString();
        }
        b.append(", ifindex=")
                .append(InetAddresses.ifindex(i.u32(40)))
                .append(", btf_vmlinux_value_type_id=")
                .append(i.u(44))
                .append(", netns_dev=")
                .append(FileArgs.makedev(i.u64(48)))
                .append(", netns_ino=")
                .append(Long.toUnsignedString(i.u64(56)));
        if (i.len() <= 64) {
            return b.append('}').toString();
        }
        b.append(", btf_id=")
                .append(i.u(64))
                .append(", btf_key_type_id=")
                .append(i.u(68))
                .append(", btf_value_type_id=")
                .append(i.u(72));
        return b.append(i.extra(MAP_INFO_SIZE)).append('}').toString();
    }

    /** {@code N}, or {@code BEFORE => N} where the kernel changed the member at {@code offset}. */
    private static String changed32(Attr now, Attr before, int offset) {
        return (before.u32(offset) != now.u32(offset) ? before.u(offset) + " => " : "")
                + now.u(offset);
    }

    private static String changed64(Attr now, Attr before, int offset) {
        return (before.u64(offset) != now.u64(offset) ? before.addr(offset) + " => " : "")
                + now.addr(offset);
    }

    private static String progInfo(Attr i, Attr before) {
        Call c = i.c();
        var arch = c.arch();
        StringBuilder b = new StringBuilder("{type=");
        b.append(PROG_TYPES.value(arch, i.u32(0)))
                .append(", id=")
                .append(i.u(4))
                .append(", tag=")
                .append(Text.quote(Peek.array(i.bytes(), 8, 8), 8, Text.Hex.ALL))
                .append(", jited_prog_len=")
                .append(changed32(i, before, 16))
                .append(", jited_prog_insns=")
                .append(Args.buffer(c, i.u64(24), i.u32(16), true))
                .append(", xlated_prog_len=")
                .append(changed32(i, before, 20))
                .append(", xlated_prog_insns=")
                .append(
                        BpfPrograms.extended(
                                c, i.u64(32), Math.min(before.u32(20), i.u32(20)) / 8));
        if (i.len() <= 40) {
            return b.append('}').toString();
        }
        long loadTime = i.u64(40);
        long uid = i.u32(48);
        b.append(", load_time=")
                .append(Long.toUnsignedString(loadTime))
                .append(bootTime(loadTime))
                .append(", created_by_uid=")
                .append(uid == 0xffff_ffffL ? "-1" : Long.toString(uid))
                .append(", nr_map_ids=")
                .append(changed32(i, before, 52))
                .append(", map_ids=")
                .append(
                        BpfPrograms.array(
                                c,
                                i.u64(56),
                                Math.min(before.u32(52), i.u32(52)),
                                4,
                                Long.MAX_VALUE,
                                e -> Long.toString(Integer.toUnsignedLong(Peek.intAt(c, e, 0)))))
                .append(", name=")
                .append(i.cstring(64, NAME_LEN));
        if (i.len() <= 80) {
            return b.append('}').toString();
        }
        b.append(", ifindex=")
                .append(InetAddresses.ifindex(i.u32(80)))
                .append(", gpl_compatible=")
                .append(i.u32(84) & 1)
                .append(", netns_dev=")
                .append(FileArgs.makedev(i.u64(88)))
                .append(", netns_ino=")
                .append(Long.toUnsignedString(i.u64(96)));
        if (i.len() <= 104) {
            return b.append('}').toString();
        }
        b.append(", nr_jited_ksyms=")
                .append(changed32(i, before, 104))
                .append(", nr_jited_func_lens=")
                .append(changed32(i, before, 108))
                .append(", jited_ksyms=")
                .append(changed64(i, before, 112))
                .append(", jited_func_lens=")
                .append(changed64(i, before, 120));
        if (i.len() <= 128) {
            return b.append('}').toString();
        }
        b.append(", btf_id=")
                .append(i.u(128))
                .append(", func_info_rec_size=")
                .append(changed32(i, before, 132))
                .append(", func_info=")
                .append(i.addr(136))
                .append(", nr_func_info=")
                .append(changed32(i, before, 144))
                .append(", nr_line_info=")
                .append(changed32(i, before, 148))
                .append(", line_info=")
                .append(i.addr(152))
                .append(", jited_line_info=")
                .append(changed64(i, before, 160))
                .append(", nr_jited_line_info=")
                .append(changed32(i, before, 168))
                .append(", line_info_rec_size=")
                .append(changed32(i, before, 172))
                .append(", jited_line_info_rec_size=")
                .append(changed32(i, before, 176))
                .append(", nr_prog_tags=")
                .append(changed32(i, before, 180))
                .append(", prog_tags=")
                .append(i.addr(184));
        if (i.len() <= 192) {
            return b.append('}').toString();
        }
        b.append(", run_time_ns=")
                .append(Long.toUnsignedString(i.u64(192)))
                .append(", run_cnt=")
                .append(Long.toUnsignedString(i.u64(200)));
        if (i.len() <= 208) {
            return b.append('}').toString();
        }
        long misses = i.u64(208);
        b.append(", recursion_misses=")
                .append(misses == -1 ? U64_MAX.value(arch, misses) : Long.toUnsignedString(misses));
        if (i.len() <= 216) {
            return b.append('}').toString();
        }
        b.append(", verified_insns=").append(i.u(216));
        return b.append(i.extra(PROG_INFO_SIZE)).append('}').toString();
    }

    /**
     * strace's print_boottime: a CLOCK_BOOTTIME time in nanoseconds as a comment with the date it
     * was, to the second (the offset between the clocks taken once, as strace takes it).
     */
    private static String bootTime(long nanoseconds) {
        long offset = bootOffset();
        if (offset == Long.MIN_VALUE) {
            return "";
        }
        long seconds =
                Long.divideUnsigned(nanoseconds, 1_000_000_000L)
                        + Math.floorDiv(
                                Long.remainderUnsigned(nanoseconds, 1_000_000_000L) + offset,
                                1_000_000_000L);
        return TimeArgs.commented(seconds, 0, 0);
    }

    private static volatile long bootOffset = Long.MIN_VALUE;

    /** CLOCK_REALTIME minus CLOCK_BOOTTIME, in nanoseconds, taken on first use. */
    private static long bootOffset() {
        long offset = bootOffset;
        if (offset == Long.MIN_VALUE) {
            try {
                long boot = io.rawsys.vdso.Vdso.clockGettime(io.rawsys.linux.Time.CLOCK_BOOTTIME);
                long real = io.rawsys.vdso.Vdso.clockGettime(io.rawsys.linux.Time.CLOCK_REALTIME);
                offset = real - boot;
                bootOffset = offset;
            } catch (RuntimeException clockless) {
                return Long.MIN_VALUE;
            }
        }
        return offset;
    }

    private static String progQueryEntry(Attr a) {
        var arch = a.c().arch();
        return "{query={target_fd="
                + a.fd(0)
                + ", attach_type="
                + ATTACH_TYPES.value(arch, a.u32(4))
                + ", query_flags="
                + QUERY_FLAGS.flags(arch, a.u32(8))
                + ", attach_flags="
                + ATTACH_FLAGS.flags(arch, a.u32(12))
                + ", prog_ids=";
    }

    private static String progQueryExit(Attr a) {
        Call c = a.c();
        long count = a.u32(24);
        long before = atEntry(a).u32(24);
        String ids =
                BpfPrograms.array(
                        c,
                        a.u64(16),
                        count,
                        4,
                        c.settings().verbose() ? Long.MAX_VALUE : c.settings().stringLimit(),
                        e -> Long.toString(Integer.toUnsignedLong(Peek.intAt(c, e, 0))));
        return ids
                + ", prog_cnt="
                + (before != count ? before + " => " : "")
                + count
                + "}"
                + a.extra(28)
                + "}";
    }

    private static String rawTracepointOpen(Attr a) {
        return "{raw_tracepoint={name="
                + string(a.c(), a.u64(0), TP_NAME_SIZE)
                + ", prog_fd="
                + a.fd(8)
                + "}"
                + a.extra(12)
                + "}";
    }

    private static String btfLoad(Attr a) {
        return "{btf="
                + Args.buffer(a.c(), a.u64(0), a.u32(16), false)
                + ", btf_log_buf="
                + a.addr(8)
                + ", btf_size="
                + a.u(16)
                + ", btf_log_size="
                + a.u(20)
                + ", btf_log_level="
                + a.u(24)
                + a.extra(28)
                + "}";
    }

    private static String taskFdQueryEntry(Attr a) {
        return "{task_fd_query={pid="
                + (int) a.u32(0)
                + ", fd="
                + a.fd(4)
                + ", flags="
                + a.u(8)
                + ", buf_len="
                + a.u(12);
    }

    private static String taskFdQueryExit(Attr a) {
        long before = atEntry(a).u32(12);
        long after = a.u32(12);
        return (before != after ? " => " + after : "")
                + ", buf="
                + string(a.c(), a.u64(16), Math.min(before, after))
                + ", prog_id="
                + a.u(24)
                + ", fd_type="
                + TASK_FD_TYPES.value(a.c().arch(), a.u32(28))
                + ", probe_offset="
                + a.x64(32)
                + ", probe_addr="
                + a.x64(40)
                + "}"
                + a.extra(48)
                + "}";
    }

    /** A batch command at entry: the lookup ones name in_batch and out_batch, delete no values. */
    private static String batch(Attr a, boolean lookup, boolean values) {
        StringBuilder b = new StringBuilder("{batch={");
        if (lookup) {
            b.append("in_batch=").append(a.addr(0)).append(", out_batch=").append(a.addr(8));
            b.append(", ");
        }
        b.append("keys=").append(a.addr(16));
        if (values) {
            b.append(", values=").append(a.addr(24));
        }
        b.append(", count=")
                .append(a.u(32))
                .append(", map_fd=")
                .append(a.fd(36))
                .append(", elem_flags=")
                .append(LOOKUP_FLAGS.flags(a.c().arch(), a.u64(40)))
                .append(", flags=")
                .append(a.x64(48))
                .append('}');
        return b.append(a.extra(56)).append('}').toString();
    }

    /** A batch command at exit: the count, if the kernel changed it. */
    private static String batchExit(Attr a) {
        return atEntry(a).u32(32) != a.u32(32) ? " => {batch={count=" + a.u(32) + "}}" : "";
    }

    private static String linkCreate(Attr a) {
        Call c = a.c();
        var arch = c.arch();
        long type = a.u32(8);
        StringBuilder b = new StringBuilder("{link_create={prog_fd=");
        b.append(a.fd(0))
                .append(", target_fd=")
                .append(a.fd(4))
                .append(", attach_type=")
                .append(ATTACH_TYPES.value(arch, type))
                .append(", flags=")
                .append(Text.hex(a.u32(12)));
        if (a.len() <= 16) {
            return b.append("}}").toString();
        }
        long limit = c.settings().verbose() ? Long.MAX_VALUE : c.settings().stringLimit();
        int known;
        if (type == 0) {
            if (a.u32(16) != 0) {
                b.append(", target_btf_id=").append(a.u(16));
            }
            known = 20;
        } else if (type == TRACE_ITER) {
            b.append(", iter_info=")
                    .append(
                            BpfPrograms.array(
                                    c,
                                    a.u64(16),
                                    a.u32(24),
                                    4,
                                    limit,
                                    e ->
                                            "{map={map_fd="
                                                    + Args.fdText(c, Peek.intAt(c, e, 0))
                                                    + "}}"))
                    .append(", iter_info_len=")
                    .append(a.u(24));
            known = 28;
        } else if (type == PERF_EVENT) {
            b.append(", perf_event={bpf_cookie=").append(a.x64(16)).append('}');
            known = 24;
        } else if (type == TRACE_KPROBE_MULTI) {
            long count = a.u32(20);
            int word = c.arch().wordSize();
            b.append(", kprobe_multi={flags=")
                    .append(KPROBE_MULTI_FLAGS.flags(arch, a.u32(16)))
                    .append(", cnt=")
                    .append(count)
                    .append(", syms=")
                    .append(
                            BpfPrograms.array(
                                    c,
                                    a.u64(24),
                                    count,
                                    word,
                                    limit,
                                    e ->
                                            Args.cString(
                                                    c,
                                                    Peek.wordAt(c, e, 0),
                                                    c.settings().stringLimit())))
                    .append(", addrs=")
                    .append(BpfPrograms.array(c, a.u64(32), count, 8, limit, e -> hex64(c, e)))
                    .append(", cookies=")
                    .append(BpfPrograms.array(c, a.u64(40), count, 8, limit, e -> hex64(c, e)))
                    .append('}');
            known = 48;
        } else {
            known = 16;
        }
        return b.append('}').append(a.extra(known)).append('}').toString();
    }

    private static String hex64(Call c, MemorySegment e) {
        return Text.hex(e.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), 0));
    }

    private static String linkUpdate(Attr a) {
        long flags = a.u32(8);
        String s =
                "{link_update={link_fd="
                        + a.fd(0)
                        + ", new_prog_fd="
                        + a.fd(4)
                        + ", flags="
                        + ATTACH_FLAGS.flags(a.c().arch(), flags);
        if ((flags & F_REPLACE) != 0) {
            s += ", old_prog_fd=" + a.fd(12);
        }
        return s + "}" + a.extra(16) + "}";
    }

    /**
     * strace's printstr_ex with QUOTE_0_TERMINATED: the C string at {@code address}, read up to
     * {@code len} bytes (and -s), {@code ...} when it has no NUL within them.
     */
    private static String string(Call c, long address, long len) {
        if (address == 0) {
            return "NULL";
        }
        int limit = c.settings().stringLimit();
        if (len > limit) {
            return Args.cString(c, address, limit);
        }
        if (len == 0) {
            return "\"\"";
        }
        Memory.CString s = c.memory().string(address, (int) len);
        if (s == null) {
            return Text.pointer(address);
        }
        byte[] bytes = s.bytes();
        if (bytes.length >= len) {
            return Text.quote(bytes, (int) len, c.settings().hex()) + "...";
        }
        return Text.quote(bytes, bytes.length, c.settings().hex());
    }
}
