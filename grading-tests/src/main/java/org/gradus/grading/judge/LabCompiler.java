package org.gradus.grading.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one lab's sources ({@code org/gradus/labs/labN}) on their own, so a lab that does not
 * compile costs only its own steps. Compiling runs no lab code (annotation processing is off).
 */
final class LabCompiler {
    private static final int MAX_ERRORS_SHOWN = 5;

    private LabCompiler() {
    }

    /** The outcome: the classes folder, or the compiler's first errors. */
    record Compiled(Path classes, String errors) {
        boolean ok() {
            return errors == null;
        }
    }

    static Compiled compile(Path sourceRoot, int lab, String classPath, Path output) {
        Path labSources = sourceRoot.resolve("org/gradus/labs/lab" + lab);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(labSources)) {
            try (Stream<Path> walk = Files.walk(labSources)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        if (files.isEmpty()) {
            return new Compiled(null, "There are no sources for lab " + lab + " in " + labSources
                    + " (keep the skeleton's files and packages).");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return new Compiled(null, "The grader runs on a JRE without a Java compiler; run it on a JDK.");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException(cannotWrite);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files0 = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                    "-implicit:none", "-cp", classPath, "-d", output.toString());
            boolean ok = javac.getTask(null, files0, diagnostics, options, null,
                    files0.getJavaFileObjectsFromPaths(files)).call();
            if (ok) {
                return new Compiled(output, null);
            }
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < MAX_ERRORS_SHOWN) {
                String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
                errors.add(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        long total = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count();
        return new Compiled(null, String.join("\n", errors)
                + (total > errors.size() ? "\n(" + (total - errors.size()) + " more errors)" : ""));
    }
}
