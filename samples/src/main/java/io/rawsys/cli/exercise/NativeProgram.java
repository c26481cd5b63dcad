package io.rawsys.cli.exercise;

import io.rawsys.tool.Failure;
import io.rawsys.tool.NativeResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A C program of the exercises, built by samples/Makefile for this machine and carried in the jar
 * under {@code io/rawsys/exercises/linux-<arch>/}, run as a child with this process's stdin, stdout
 * and stderr.
 */
final class NativeProgram {
    private NativeProgram() {}

    /** Runs program {@code name} with {@code args} and returns its exit status. */
    static int run(String name, String... args) {
        try (NativeResource program = NativeResource.open("io/rawsys/exercises", name)) {
            List<String> command = new ArrayList<>();
            command.add(program.path().toString());
            command.addAll(List.of(args));
            System.out.flush();
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new Failure("cannot run " + name + ": " + e.getMessage(), Failure.KERNEL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while " + name + " ran", Failure.KERNEL);
        }
    }
}
