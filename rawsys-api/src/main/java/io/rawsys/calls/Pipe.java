package io.rawsys.calls;

/**
 * The two ends of a pipe.
 *
 * @param readEnd the file descriptor to read from
 * @param writeEnd the file descriptor to write to
 */
public record Pipe(int readEnd, int writeEnd) {}
