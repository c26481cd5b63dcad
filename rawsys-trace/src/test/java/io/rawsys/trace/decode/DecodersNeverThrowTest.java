package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No decoder throws, whatever a tracee passes: every decoded call of each personality the tracer
 * meets on x86_64, fed random argument words (zero, -1, the extremes, random bits, addresses into
 * memory of random, all-zero, all-one and all-0x7f bytes, addresses where a region ends and
 * unmapped ones), random results (values and errnos) and random -s, -y, -v, -x, -X, -Y, -P and -e
 * verbose=. A decoder that threw ended the tracer's thread: {@code utimensat} with a time beyond
 * what java.time holds did.
 *
 * <p>The trials are seeded: a failure names its seed, call and words, so it can be replayed.
 */
class DecodersNeverThrowTest {
    private static final Decoders DECODERS = Decoders.standard();
    private static final int TRIALS = 300;
    private static final long REGION = 0x5000_0000L;
    private static final int REGION_SIZE = 8192;

    static Stream<String> personalities() {
        return Stream.of("x86_64", "i386", "x32");
    }

    @ParameterizedTest
    @MethodSource("personalities")
    void noDecoderThrowsOnAnyInput(String personality) {
        Arch arch = Arch.of(personality);
        List<String> names = new ArrayList<>();
        arch.syscalls().entries().forEach(e -> names.add(e.name()));
        int decoded = 0;
        List<String> failures = new ArrayList<>();
        calls:
        for (String name : names) {
            if (!DECODERS.has(name) && !DECODERS.carries(name)) {
                continue;
            }
            decoded++;
            long seed = (personality + name).hashCode();
            SplittableRandom random = new SplittableRandom(seed);
            for (int trial = 0; trial < TRIALS; trial++) {
                long[] args = new long[6];
                for (int i = 0; i < 6; i++) {
                    args[i] = word(random);
                    if (arch.wordSize() == 4) {
                        args[i] &= 0xffff_ffffL; // a 32-bit tracee's words, zero-extended
                    }
                }
                I386DecodingTest.RecordedMemory memory = memory(random);
                long result = random.nextInt(4) == 0 ? -(1 + random.nextInt(4095)) : word(random);
                boolean failed = result < 0 && result >= -4095;
                // -s, -y, -v and -x as a user may set them
                Call.Settings settings =
                        new Call.Settings(
                                new int[] {0, 1, 32, 4096}[random.nextInt(4)],
                                random.nextBoolean(),
                                random.nextBoolean(),
                                (pid, fd) -> random.nextBoolean() ? null : "/some/path",
                                Text.Hex.values()[random.nextInt(Text.Hex.values().length)],
                                random.nextInt(4) != 0,
                                random.nextBoolean(),
                                random.nextBoolean());
                // and -X in each of its styles
                Xlat.Style style = Xlat.Style.values()[random.nextInt(3)];
                try {
                    ScopedValue.where(Xlat.STYLE, style)
                            .run(
                                    () ->
                                            decode(
                                                    arch,
                                                    name,
                                                    args.clone(),
                                                    memory,
                                                    result,
                                                    failed,
                                                    settings));
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    failures.add(
                            personality
                                    + " "
                                    + name
                                    + Arrays.toString(
                                            Arrays.stream(args)
                                                    .mapToObj(a -> "0x" + Long.toHexString(a))
                                                    .toArray())
                                    + " result "
                                    + result
                                    + " (seed "
                                    + seed
                                    + ", trial "
                                    + trial
                                    + ") threw "
                                    + e
                                    + " at "
                                    + e.getStackTrace()[0]);
                    continue calls; // one failure a call is enough to name it
                }
            }
        }
        assertTrue(decoded > 100, "only " + decoded + " decoded calls on " + personality);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " calls threw:\n" + String.join("\n", failures));
    }

    /** What the tracer does with one call, as far as decoding and printing go. */
    private static void decode(
            Arch arch,
            String name,
            long[] args,
            I386DecodingTest.RecordedMemory memory,
            long result,
            boolean failed,
            Call.Settings settings) {
        String called = name;
        if (DECODERS.carries(called)) {
            Decoders.Carried carried = DECODERS.carried(arch, called, args, memory);
            if (carried != null) {
                called = carried.name();
                args = carried.args();
            }
        }
        if (!DECODERS.has(called)) {
            return;
        }
        Decoder decoder = DECODERS.forName(called, 6);
        Call c = new Call(4321, arch, called, args, memory, settings);
        decoder.enter(c);
        c.entered();
        decoder.moreAtExit(c);
        decoder.exitSeparator(c);
        c.exited(result, failed);
        decoder.exit(c);
        if (!failed) {
            decoder.result(c);
        }
        c.resultNote();
        String.join(", ", c.printed());
    }

    /** An argument word: the values that break decoders most often, and addresses. */
    private static long word(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            case 4 -> random.nextInt(64);
            case 5 -> 0x7fff_ffffL + random.nextInt(3) - 1;
            case 6 -> random.nextLong();
            case 7, 8 -> REGION + random.nextInt(REGION_SIZE); // inside
            case 9 -> REGION + REGION_SIZE - random.nextInt(1, 16); // reads run off the end
            case 10 -> 0xdead_0000L + random.nextInt(4096); // unmapped
            default -> random.nextInt();
        };
    }

    /** One region of memory, filled with one of the patterns that break decoders. */
    private static I386DecodingTest.RecordedMemory memory(SplittableRandom random) {
        byte[] bytes = new byte[REGION_SIZE];
        switch (random.nextInt(5)) {
            case 0 -> Arrays.fill(bytes, (byte) 0);
            case 1 -> Arrays.fill(bytes, (byte) 0xff);
            case 2 -> Arrays.fill(bytes, (byte) 0x7f);
            case 3 -> Arrays.fill(bytes, (byte) 0x80);
            default -> random.nextBytes(bytes);
        }
        I386DecodingTest.RecordedMemory memory = new I386DecodingTest.RecordedMemory();
        memory.map(REGION, bytes);
        return memory;
    }
}
