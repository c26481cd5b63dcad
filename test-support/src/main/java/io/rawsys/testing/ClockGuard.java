package io.rawsys.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed the machine's clock or timezone ({@link ClockState}), naming the
 * class and the change. Every test class of every module gets it: it is registered as a service and
 * the build turns on JUnit's extension autodetection ({@code
 * junit.jupiter.extensions.autodetection.enabled}).
 *
 * <p>Tests never change the machine; a call that would (settimeofday, clock_settime …) is made so
 * that the kernel refuses it, or inside a namespace or VM the test made. This guard is what keeps
 * that true.
 */
public final class ClockGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClockGuard.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", ClockState.now());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClockState before = context.getStore(NAMESPACE).get("before", ClockState.class);
        if (before == null) {
            return;
        }
        String changes = ClockState.now().changesSince(before);
        if (!changes.isEmpty()) {
            throw new AssertionError(
                    context.getDisplayName()
                            + " changed this machine's time: "
                            + changes
                            + ". Tests must never change the machine: make the call so that the"
                            + " kernel refuses it (drop CAP_SYS_TIME first) or run it in a VM. (If"
                            + " nothing in this class sets the clock, something else stepped it"
                            + " while it ran, such as NTP or a paused VM: run it again.)");
        }
    }
}
