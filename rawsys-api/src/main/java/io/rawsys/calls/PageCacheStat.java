package io.rawsys.calls;

/**
 * What {@code cachestat} counts in a file's range, in pages.
 *
 * @param cached pages in the page cache
 * @param dirty cached pages changed and not yet written back
 * @param writeback cached pages being written back now
 * @param evicted pages evicted from the cache
 * @param recentlyEvicted evicted pages that would still be cached had the cache been larger (recent
 *     enough to count as refaults)
 */
public record PageCacheStat(
        long cached, long dirty, long writeback, long evicted, long recentlyEvicted) {}
