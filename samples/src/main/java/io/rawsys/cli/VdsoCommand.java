package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.linux.Elf;
import io.rawsys.tool.Failure;
import io.rawsys.vdso.ElfImage;
import io.rawsys.vdso.Vdso;
import io.rawsys.vdso.VdsoMapping;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "vdso",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the vDSO the kernel mapped into this process (found through AT_SYSINFO_EHDR, read as ELF): its dynamic"
                    + " symbols with versions and addresses, and which of them rawsys calls directly.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys vdso",
            "  rawsys vdso --dump vdso.so && readelf --dyn-syms vdso.so"
        })
final class VdsoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--dump",
            paramLabel = "FILE",
            description = "Also write the vDSO's image to FILE, for readelf or objdump.")
    Path dump;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        VdsoMapping vdso = Vdso.mapping().orElse(null);
        if (vdso == null) {
            out.println(
                    "this process has no vDSO rawsys can read; every call below is a system call");
        } else {
            ElfImage image = vdso.image();
            String machine =
                    Arch.current().constants().withPrefix("EM_").entrySet().stream()
                            .filter(e -> e.getValue() == image.machine())
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse("e_machine " + image.machine());
            out.printf(
                    "vDSO at 0x%x: %d bytes, ELF%d %s, %d dynamic symbols%n%n",
                    vdso.base(),
                    vdso.size(),
                    image.is64Bit() ? 64 : 32,
                    machine,
                    image.symbols().size());
            out.printf("  %-18s %6s  %-6s %-6s %s%n", "address", "size", "type", "bind", "symbol");
            for (ElfImage.Symbol s : image.symbols()) {
                if (s.index() == 0) {
                    continue;
                }
                String address =
                        s.section() == Elf.SHN_ABS
                                ? "(absolute)"
                                : "0x" + Long.toHexString(vdso.address(s));
                String version =
                        s.version().isEmpty() || s.version().equals(s.name())
                                ? ""
                                : (s.hidden() ? "@" : "@@") + s.version();
                out.printf(
                        "  %-18s %6d  %-6s %-6s %s%n",
                        address, s.size(), type(s.type()), bind(s.binding()), s.name() + version);
            }
            out.println();
        }
        out.println("rawsys calls:");
        for (Vdso.Binding b : Vdso.bindings()) {
            out.printf("  %-14s -> %s%n", b.function(), b);
        }
        if (dump != null && vdso == null) {
            out.flush();
            throw new Failure("there is no vDSO image to write to " + dump, Failure.KERNEL);
        }
        if (dump != null) {
            try {
                Files.write(dump, vdso.bytes());
            } catch (IOException e) {
                out.flush();
                throw Failure.of(e, "cannot write the image to " + dump);
            }
            out.println();
            out.println("wrote the image to " + dump);
        }
        out.flush();
        return 0;
    }

    private static String type(int type) {
        return type == Elf.STT_FUNC
                ? "FUNC"
                : type == Elf.STT_OBJECT
                        ? "OBJECT"
                        : type == Elf.STT_NOTYPE ? "NOTYPE" : Integer.toString(type);
    }

    private static String bind(int binding) {
        return binding == Elf.STB_GLOBAL
                ? "GLOBAL"
                : binding == Elf.STB_WEAK
                        ? "WEAK"
                        : binding == Elf.STB_LOCAL ? "LOCAL" : Integer.toString(binding);
    }
}
