package io.rawsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopDeviceTest {
    @TempDir Path dir;

    /** /sys/block/loopN/loop/NAME, or null when the device is not attached. */
    private static String loopAttribute(Path device, String name) throws IOException {
        Path file = Path.of("/sys/block", device.getFileName().toString(), "loop", name);
        return Files.exists(file) ? Files.readString(file).strip() : null;
    }

    @Test
    void isAttachedWithAutoclearAndDetachedWhenClosed() throws Exception {
        Path backing = dir.resolve("disk.img");
        Files.write(backing, new byte[1 << 20]);
        Path device;
        try (LoopDevice loop = LoopDevice.attach(backing)) {
            device = loop.path();
            assertTrue(device.toString().matches("/dev/loop[0-9]+"), device.toString());
            assertEquals(backing.toString(), loopAttribute(device, "backing_file"));
            assertEquals("1", loopAttribute(device, "autoclear"));
            Process blockdev =
                    new ProcessBuilder("blockdev", "--getsize64", device.toString()).start();
            assertEquals(
                    String.valueOf(1 << 20),
                    new String(blockdev.getInputStream().readAllBytes()).strip());
            assertEquals(0, blockdev.waitFor());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loopAttribute(device, "backing_file") != null) {
            if (System.nanoTime() > deadline) {
                fail(device + " is still attached 10 s after its last descriptor closed");
            }
            Thread.sleep(20);
        }
        assertFalse(Files.exists(Path.of("/sys/block", device.getFileName().toString(), "loop")));
    }

    @Test
    void aMissingBackingFileIsNamed() {
        Path missing = dir.resolve("missing.img");
        IllegalStateException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalStateException.class, () -> LoopDevice.attach(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }
}
