package io.rawsys.calls;

/**
 * What {@code statmount} tells of one mount: the fields of {@code struct statmount} that the
 * request's mask asked for and the kernel filled ({@link #mask} says which). A field the kernel did
 * not fill is 0, or null for a string.
 *
 * @param mask the {@code STATMOUNT_*} bits the kernel filled
 * @param deviceMajor the super block's device, major number ({@code STATMOUNT_SB_BASIC})
 * @param deviceMinor the super block's device, minor number ({@code STATMOUNT_SB_BASIC})
 * @param magic the file system's magic number, as {@code statfs}'s {@code f_type} ({@code
 *     STATMOUNT_SB_BASIC})
 * @param superBlockFlags {@code SB_RDONLY}, {@code SB_SYNCHRONOUS}, … ({@code STATMOUNT_SB_BASIC})
 * @param fsType the file system type, as in /proc/self/mountinfo ({@code STATMOUNT_FS_TYPE})
 * @param mountId the unique 64-bit mount id, the one listmount returns ({@code
 *     STATMOUNT_MNT_BASIC})
 * @param parentId the parent mount's unique id ({@code STATMOUNT_MNT_BASIC})
 * @param mountIdOld the old 32-bit id of /proc/self/mountinfo's first column ({@code
 *     STATMOUNT_MNT_BASIC})
 * @param parentIdOld the parent's old 32-bit id ({@code STATMOUNT_MNT_BASIC})
 * @param attributes {@code MOUNT_ATTR_*} bits ({@code STATMOUNT_MNT_BASIC})
 * @param propagation {@code MS_SHARED}, {@code MS_SLAVE}, {@code MS_PRIVATE}, {@code MS_UNBINDABLE}
 *     ({@code STATMOUNT_MNT_BASIC})
 * @param peerGroup the shared peer group's id ({@code STATMOUNT_MNT_BASIC})
 * @param master the master's peer group id, for a slave ({@code STATMOUNT_MNT_BASIC})
 * @param propagateFrom the nearest dominating peer group ({@code STATMOUNT_PROPAGATE_FROM})
 * @param root the mount's root within its file system ({@code STATMOUNT_MNT_ROOT})
 * @param mountPoint where it is mounted, relative to the caller's root ({@code
 *     STATMOUNT_MNT_POINT})
 * @param namespaceId the mount namespace's id ({@code STATMOUNT_MNT_NS_ID}, Linux 6.11+)
 * @param options the file system's own options, comma separated ({@code STATMOUNT_MNT_OPTS}, Linux
 *     6.11+)
 */
public record MountStat(
        long mask,
        int deviceMajor,
        int deviceMinor,
        long magic,
        int superBlockFlags,
        String fsType,
        long mountId,
        long parentId,
        int mountIdOld,
        int parentIdOld,
        long attributes,
        long propagation,
        long peerGroup,
        long master,
        long propagateFrom,
        String root,
        String mountPoint,
        long namespaceId,
        String options) {}
