package io.rawsys.trace.decode;

/**
 * mmap's flags as strace's print_mmap_flags prints them (mmap's, remap_file_pages'): the sharing
 * type by name, the other flags, the huge page size as a shift; with -X the number.
 */
final class MapFlags {
    private MapFlags() {}

    static final Xlat MAP = Xlat.load("mmap_flags");

    /**
     * {@code MAP_SHARED|MAP_POPULATE|21<<MAP_HUGE_SHIFT}, or {@code 0xf /* MAP_??? *}{@code /…}.
     */
    static String text(Call c, long flags) {
        return Xlat.composite(Text.hex(flags), () -> names(c, flags));
    }

    private static String names(Call c, long flags) {
        var k = c.arch().constants();
        long typeMask = k.value("MAP_TYPE");
        long shift = k.value("MAP_HUGE_SHIFT");
        long hugeMask = k.value("MAP_HUGE_MASK") << shift;
        String type = MAP.name(c.arch(), flags & typeMask);
        StringBuilder s =
                new StringBuilder(
                        type != null ? type : Text.hex(flags & typeMask) + " /* MAP_??? */");
        long rest = flags & ~typeMask & ~hugeMask;
        if (rest != 0) {
            s.append('|').append(MAP.flags(c.arch(), rest));
        }
        long huge = flags & hugeMask;
        if (huge != 0) {
            s.append('|').append(huge >>> shift).append("<<MAP_HUGE_SHIFT");
        }
        return s.toString();
    }
}
