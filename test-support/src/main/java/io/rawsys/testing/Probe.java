package io.rawsys.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What one probe of this machine found: whether a feature the tests need is there, and if not, why
 * not, in words a developer can act on.
 *
 * @param feature what was probed, e.g. "execution of 32-bit x86 programs"
 * @param available whether this machine has it
 * @param reason why it is missing (empty when available)
 */
public record Probe(String feature, boolean available, String reason) {
    public Probe {
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("a missing feature needs a reason: " + feature);
        }
    }

    static Probe present(String feature) {
        return new Probe(feature, true, "");
    }

    static Probe missing(String feature, String reason) {
        return new Probe(feature, false, reason);
    }

    /**
     * Skips the calling test, through a JUnit assumption whose message names the feature and the
     * reason, unless the feature is available. Call it at the top of each test (or each dynamic
     * test) that needs the feature, so that the rest of the class still runs.
     */
    public void assume() {
        Assumptions.assumeTrue(available, this::message);
    }

    /** {@code "skipped: this kernel does not …"}: the text a skipped test reports. */
    public String message() {
        return available ? feature + ": available" : feature + " unavailable: " + reason;
    }
}
