package io.rawsys.calls;

/**
 * A message recvmsg(2) returned, with the file descriptors that came with it (SCM_RIGHTS).
 *
 * @param bytes the bytes of data received
 * @param fds the file descriptors received, now open in this process
 * @param flags the message flags: {@code MSG_CTRUNC} if descriptors were cut off, {@code MSG_TRUNC}
 *     …
 */
public record ReceivedMessage(long bytes, int[] fds, int flags) {}
