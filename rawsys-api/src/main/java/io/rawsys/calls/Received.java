package io.rawsys.calls;

/**
 * What a receive returned.
 *
 * @param bytes the bytes received
 * @param addressLength the length of the sender's address the kernel wrote, 0 when none was asked
 *     for
 */
public record Received(long bytes, int addressLength) {}
