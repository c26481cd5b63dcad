package io.rawsys.calls;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Mount;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.MntIdReq;
import io.rawsys.linux.struct.Statmount;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Mounts by their 64-bit ids (Linux 6.8+): {@code listmount} enumerates them and {@code statmount}
 * describes one, without parsing /proc/self/mountinfo. Ids are unique for the life of the system
 * (they are never reused, unlike mountinfo's 32-bit ones), so a mount seen once can be asked about
 * again without mistaking another for it.
 *
 * <p>On an older kernel each call throws {@link ErrnoException} with {@code ENOSYS}.
 */
public final class MountCalls {
    private MountCalls() {}

    /** How many ids one listmount call asks for; the list is read in pages of this size. */
    private static final int PAGE = 512;

    /**
     * The ids of the mounts below {@code mountId} in the caller's mount namespace, in the order the
     * kernel keeps them ({@link Mount#LISTMOUNT_REVERSE} in {@code flags} reverses it).
     *
     * <p>C: {@code int listmount(const struct mnt_id_req *req, u64 *mnt_ids, size_t nr_mnt_ids,
     * unsigned int flags)}, called until the kernel has no more: each call starts after the last id
     * the previous one returned ({@code req.param}).
     *
     * @param mountId a mount's unique id, or {@link Mount#LSMT_ROOT} for the namespace's root
     * @param flags 0 or {@link Mount#LISTMOUNT_REVERSE}
     */
    public static long[] listmount(long mountId, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = request(arena, mountId, 0);
            MemorySegment ids = arena.allocate(ValueLayout.JAVA_LONG, PAGE);
            long[] all = new long[0];
            while (true) {
                int n = (int) Checked.ppll(Nr.listmount, req, ids, PAGE, flags);
                int start = all.length;
                all = Arrays.copyOf(all, start + n);
                MemorySegment.copy(ids, ValueLayout.JAVA_LONG, 0, all, start, n);
                if (n < PAGE) {
                    return all;
                }
                MntIdReq.param(req, all[all.length - 1]);
            }
        }
    }

    /** {@link #listmount(long, int)} of the namespace's root: every mount the caller can see. */
    public static long[] listmount() {
        return listmount(Mount.LSMT_ROOT, 0);
    }

    /**
     * Describes the mount {@code mountId}: the groups of fields {@code mask} asks for.
     *
     * <p>C: {@code int statmount(const struct mnt_id_req *req, struct statmount *buf, size_t
     * bufsize, unsigned int flags)}, with a buffer grown and the call repeated while the kernel
     * answers {@code EOVERFLOW} (the strings did not fit).
     *
     * @param mask {@code STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC | STATMOUNT_MNT_POINT | …}
     */
    public static MountStat statmount(long mountId, long mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = request(arena, mountId, mask);
            for (long size = 4096; ; size *= 2) {
                MemorySegment buf = arena.allocate(size, 8);
                try {
                    Checked.ppll(Nr.statmount, req, buf, size, 0);
                    return read(buf);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EOVERFLOW || size >= 1 << 24) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * A {@code struct mnt_id_req} of the first version (24 bytes), which every 6.8+ kernel takes.
     */
    private static MemorySegment request(Arena arena, long mountId, long param) {
        MemorySegment req = MntIdReq.allocate(arena);
        MntIdReq.size(req, Mount.MNT_ID_REQ_SIZE_VER0);
        MntIdReq.mnt_id(req, mountId);
        MntIdReq.param(req, param);
        return req;
    }

    private static MountStat read(MemorySegment buf) {
        long mask = Statmount.mask(buf);
        return new MountStat(
                mask,
                Statmount.sb_dev_major(buf),
                Statmount.sb_dev_minor(buf),
                Statmount.sb_magic(buf),
                Statmount.sb_flags(buf),
                string(buf, mask, Mount.STATMOUNT_FS_TYPE, Statmount.fs_type(buf)),
                Statmount.mnt_id(buf),
                Statmount.mnt_parent_id(buf),
                Statmount.mnt_id_old(buf),
                Statmount.mnt_parent_id_old(buf),
                Statmount.mnt_attr(buf),
                Statmount.mnt_propagation(buf),
                Statmount.mnt_peer_group(buf),
                Statmount.mnt_master(buf),
                Statmount.propagate_from(buf),
                string(buf, mask, Mount.STATMOUNT_MNT_ROOT, Statmount.mnt_root(buf)),
                string(buf, mask, Mount.STATMOUNT_MNT_POINT, Statmount.mnt_point(buf)),
                Statmount.mnt_ns_id(buf),
                string(buf, mask, Mount.STATMOUNT_MNT_OPTS, Statmount.mnt_opts(buf)));
    }

    /**
     * A string of the reply: an offset into {@code str[]}, the buffer's tail, where the kernel
     * filled it; bounded by the struct's {@code size}, which the kernel sets to what it wrote.
     */
    private static String string(MemorySegment buf, long mask, long bit, int offset) {
        if ((mask & bit) == 0) {
            return null;
        }
        long base = Statmount.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("str"));
        long end = Math.min(Statmount.size(buf) & 0xffffffffL, buf.byteSize());
        if (offset < 0 || base + offset >= end) {
            return null;
        }
        MemorySegment text = buf.asSlice(base + offset, end - base - offset);
        long nul = 0;
        while (nul < text.byteSize() && text.get(ValueLayout.JAVA_BYTE, nul) != 0) {
            nul++;
        }
        return new String(
                text.asSlice(0, nul).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
