package io.rawsys.stubs;

import java.io.InputStream;
import java.util.Optional;

/**
 * Locates the {@code librawsys.so} built for a platform inside this jar.
 *
 * <p>The libraries live at {@code io/rawsys/stubs/linux-<arch>/librawsys.so}; the Maven build puts
 * the host's there, and the {@code all-arches} profile adds every cross-compiled one. Reading them
 * through this class (rather than by path from another module) keeps working when both jars are on
 * the module path.
 */
public final class StubLibrary {
    /** The file name of the stub library inside each platform directory. */
    public static final String FILE_NAME = "librawsys.so";

    private StubLibrary() {}

    /**
     * Opens the stub library built for {@code platform}, such as {@code linux-x86_64}.
     *
     * @param platform {@code linux-} followed by a rawsys architecture name
     * @return the library's bytes, or empty when this jar carries no build for that platform
     */
    public static Optional<InputStream> open(String platform) {
        return Optional.ofNullable(StubLibrary.class.getResourceAsStream(resourceName(platform)));
    }

    /** The resource name, relative to this class, of the library for {@code platform}. */
    public static String resourceName(String platform) {
        return platform + "/" + FILE_NAME;
    }
}
