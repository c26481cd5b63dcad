package io.rawsys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes down every test that did not run, and why: disabled ones and, above all, those an
 * assumption skipped because this machine lacks what they need. Surefire counts them as "Skipped"
 * without a reason; this listener puts each with its reason in {@code
 * target/skipped-tests/<pid>.txt} of the module ({@value #DIRECTORY}), one line each, {@code
 * test<TAB>reason}, and {@code ./build} prints them all, grouped by reason, when the suite ends.
 *
 * <p>Registered as a JUnit Platform service, so every module whose tests depend on this one gets
 * it.
 */
public final class SkipReport implements TestExecutionListener {
    /** Where, below the module's directory, the reports go. */
    static final String DIRECTORY = "target/skipped-tests";

    private final List<String> lines = new ArrayList<>();
    private TestPlan plan;

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        this.plan = plan;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        add(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(
                    test,
                    result.getThrowable()
                            .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                            .orElse("aborted"));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (lines.isEmpty()) {
            return;
        }
        Path directory =
                Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                        .resolve(DIRECTORY);
        try {
            Files.createDirectories(directory);
            Files.write(
                    directory.resolve(ProcessHandle.current().pid() + ".txt"),
                    lines,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void add(TestIdentifier test, String reason) {
        String name = test.getDisplayName();
        String where = where(test);
        String label =
                where.isEmpty() || where.endsWith("." + name.replaceFirst("\\(\\)$", ""))
                        ? (where.isEmpty() ? name : where)
                        : where + " [" + name + "]";
        lines.add(label + "\t" + reason.replace('\n', ' ').replace('\t', ' '));
    }

    /**
     * {@code Class.method} (or {@code Class}) of the test or, for a dynamic test, which has no
     * source of its own, of the nearest of its parents that has one.
     */
    private String where(TestIdentifier test) {
        for (TestIdentifier t = test; t != null; ) {
            String where =
                    t.getSource()
                            .map(
                                    source ->
                                            switch (source) {
                                                case MethodSource m ->
                                                        simpleName(m.getClassName())
                                                                + "."
                                                                + m.getMethodName();
                                                case ClassSource c -> simpleName(c.getClassName());
                                                default -> "";
                                            })
                            .orElse("");
            if (!where.isEmpty() || plan == null) {
                return where;
            }
            t = t.getParentIdObject().map(plan::getTestIdentifier).orElse(null);
        }
        return "";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
