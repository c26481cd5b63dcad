package io.rawsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No module of the repository has packages that use each other in a loop (this module's tests run
 * first, so a loop anywhere stops the build early), and the check finds one where there is one.
 */
class PackageGraphTest {
    /** Every module of the repository: the directories beside this one with a pom.xml. */
    static List<Path> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    @Test
    void noModuleHasAPackageLoop() throws IOException {
        List<Path> modules = modules();
        assertTrue(modules.size() >= 8, "the repository's modules: " + modules);
        for (Path module : modules) {
            // main and generated sources (bindgen keeps its sources in src/ itself)
            Path main = module.resolve("src/main/java");
            (Files.isDirectory(main)
                            ? PackageGraph.of(main, module.resolve("src/generated/java"))
                            : PackageGraph.of(module.resolve("src")))
                    .assertNoCycles();
        }
    }

    private static void write(Path root, String pkg, String cls, String body) throws IOException {
        Path dir = Files.createDirectories(root.resolve(pkg.replace('.', '/')));
        Files.writeString(dir.resolve(cls + ".java"), "package " + pkg + ";\n" + body);
    }

    @Test
    void aLoopThroughThreePackagesIsFoundAndNamed(@TempDir Path root) throws IOException {
        write(root, "io.rawsys.a", "A", "class A { io.rawsys.b.B b; }");
        write(root, "io.rawsys.b", "B", "import io.rawsys.c.C;\nclass B { C c; }");
        write(root, "io.rawsys.c", "C", "class C { io.rawsys.a.A a; }");
        write(root, "io.rawsys.d", "D", "class D { io.rawsys.a.A a; }");
        PackageGraph g = PackageGraph.of(root);
        assertEquals(List.of(List.of("io.rawsys.a", "io.rawsys.b", "io.rawsys.c")), g.cycles());
        AssertionError e = assertThrows(AssertionError.class, g::assertNoCycles);
        assertTrue(e.getMessage().contains("io.rawsys.c -> io.rawsys.a"), e.getMessage());
    }

    @Test
    void commentsAndStringsNameNoDependency(@TempDir Path root) throws IOException {
        write(root, "io.rawsys.a", "A", "/** {@link io.rawsys.b.B} */ class A {}");
        write(
                root,
                "io.rawsys.b",
                "B",
                "class B { io.rawsys.a.A a; String s = \"io.rawsys.a.A\"; // io.rawsys.a.A\n}");
        PackageGraph g = PackageGraph.of(root);
        assertEquals(List.of(), g.cycles());
        assertEquals(java.util.Set.of("io.rawsys.a"), g.uses("io.rawsys.b"));
    }
}
