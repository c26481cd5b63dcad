package io.rawsys.cli.net;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --json} of the listings: ip -j's JSON instead of ip's text. */
final class JsonOption {
    @Option(
            names = {"-j", "--json"},
            description = "Print JSON with the field names of 'ip -j'.")
    boolean json;

    /** A printer for the format asked for. */
    Printer printer() {
        return json ? new JsonPrinter() : new TextPrinter();
    }

    /** Writes what {@code p} holds to stdout: the text, or the JSON on one line. */
    void write(CommandSpec spec, Printer p) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? p + "\n" : p.toString());
        out.flush();
    }
}
