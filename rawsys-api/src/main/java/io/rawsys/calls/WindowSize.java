package io.rawsys.calls;

/**
 * A terminal's size, as TIOCGWINSZ reports it.
 *
 * @param rows the number of rows
 * @param columns the number of columns
 * @param xPixels the width in pixels, 0 where unknown
 * @param yPixels the height in pixels, 0 where unknown
 */
public record WindowSize(int rows, int columns, int xPixels, int yPixels) {}
