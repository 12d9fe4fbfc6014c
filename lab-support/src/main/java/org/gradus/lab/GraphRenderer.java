package org.gradus.lab;

import guru.nidi.graphviz.engine.Format;
import guru.nidi.graphviz.engine.Graphviz;
import guru.nidi.graphviz.engine.GraphvizCmdLineEngine;
import guru.nidi.graphviz.engine.GraphvizEngine;
import guru.nidi.graphviz.engine.GraphvizJdkEngine;
import guru.nidi.graphviz.engine.GraphvizV8Engine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gradus.Config;

/**
 * Renders Graphviz DOT text (from {@code Printing.toDot}) to SVG and PNG, as Theano's {@code pydotprint} does,
 * with the first of these engines that starts:
 * <ol>
 *   <li>{@code dot}: the Graphviz program, when it is on the {@code PATH};</li>
 *   <li>{@code v8}: graphviz-java's V8 JavaScript engine, which needs no installation but a native library that
 *       exists for x86_64 Linux, macOS and Windows only; it is extracted under {@code target/graphviz-v8} (or
 *       {@code java.io.tmpdir}), never into the home folder, and not used with the flag {@code natives=off};</li>
 *   <li>{@code js}: GraalJS, which runs the same viz.js in pure Java, slowly (seconds for the first graph), when
 *       it is on the class path (on arm64 machines, and with {@code -Dgradus.graphviz.engine=js}).</li>
 * </ol>
 * The system property {@value #ENGINE_PROPERTY} ({@code dot}, {@code v8} or {@code js}) forces one engine. When
 * none starts, the DOT file is still written and the result says how to render it by hand; nothing is thrown.
 */
public final class GraphRenderer {
    /** Forces an engine: {@code dot}, {@code v8} or {@code js}. */
    public static final String ENGINE_PROPERTY = "gradus.graphviz.engine";
    private static final List<String> ENGINES = List.of("dot", "v8", "js");

    /** svgSalamander warns once per label that it has no Helvetica and falls back; keep it quiet (strong reference). */
    private static final Logger SVG_RASTERIZER_LOG = Logger.getLogger("com.kitfox.svg");

    private static boolean started;
    private static String engine;
    private static String startProblem;
    private static final List<String> skipped = new ArrayList<>();

    /**
     * Writes {@code NAME.dot}, {@code NAME.svg} and {@code NAME.png} into {@code directory}. A lab step's
     * clock ({@link StepRunner}) stands still meanwhile: rendering is lab support's work, and the
     * pure-Java engine takes seconds per graph, minutes for a large one.
     */
    public RenderedGraph render(String dot, Path directory, String name) {
        StepRunner.supportWork(+1);
        try {
            return renderFiles(dot, directory, name);
        } finally {
            StepRunner.supportWork(-1);
        }
    }

    private RenderedGraph renderFiles(String dot, Path directory, String name) {
        Path dotFile = directory.resolve(name + ".dot");
        try {
            Files.createDirectories(directory);
            Files.writeString(dotFile, dot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dotFile.toAbsolutePath(), e);
        }
        String problem = unavailableReason();
        if (problem != null) {
            return new RenderedGraph(dotFile, null, null, problem + howByHand(dotFile));
        }
        Path svg = directory.resolve(name + ".svg");
        Path png = directory.resolve(name + ".png");
        try {
            Graphviz graph = Graphviz.fromString(dot);
            graph.render(Format.SVG).toFile(svg.toFile());
            graph.render(Format.PNG).toFile(png.toFile());
            return new RenderedGraph(dotFile, svg, png, null);
        } catch (IOException | RuntimeException e) {
            return new RenderedGraph(dotFile, null, null, "Graphviz failed on this graph: " + e.getMessage()
                    + howByHand(dotFile));
        }
    }

    private static String howByHand(Path dotFile) {
        return "; the DOT text is in " + dotFile.toAbsolutePath() + " (install Graphviz, then: dot -Tpng "
                + dotFile.getFileName() + " -o graph.png)";
    }

    /** {@code null} when graphs can be rendered, else why not (starts the engine on first use). */
    public static synchronized String unavailableReason() {
        if (!started) {
            started = true;
            startProblem = startEngine();
        }
        return startProblem;
    }

    /** The engine that renders graphs, {@code dot}, {@code v8} or {@code js}, or {@code null} when none started. */
    public static synchronized String engine() {
        unavailableReason();
        return engine;
    }

    /** One line for {@code Doctor}: the engine in use and why the ones before it were passed over, or the problem. */
    public static synchronized String describe() {
        String problem = unavailableReason();
        if (problem != null) {
            return problem;
        }
        String what = switch (engine) {
            case "dot" -> "the Graphviz 'dot' program";
            case "v8" -> "graphviz-java's V8 engine (J2V8 natives)";
            default -> "GraalJS running viz.js in pure Java (slow: seconds for the first graph)";
        };
        String forced = System.getProperty(ENGINE_PROPERTY, "").isBlank() ? ""
                : " (-D" + ENGINE_PROPERTY + "=" + engine + ")";
        return what + forced + (skipped.isEmpty() ? "" : "; not " + String.join(", not ", skipped));
    }

    private static String startEngine() {
        SVG_RASTERIZER_LOG.setLevel(Level.SEVERE);
        String forced = System.getProperty(ENGINE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!forced.isEmpty() && !ENGINES.contains(forced)) {
            return "cannot render graphs: -D" + ENGINE_PROPERTY + "=" + forced + " is none of dot, v8 and js";
        }
        for (String name : ENGINES) {
            if (!forced.isEmpty() && !forced.equals(name)) {
                continue;
            }
            String why = start(name);
            if (why == null) {
                engine = name;
                return null;
            }
            skipped.add(name + ": " + why);
        }
        return "cannot render graphs (" + String.join("; ", skipped) + ")";
    }

    /** Starts one engine and renders a one-node graph with it; {@code null} when that worked, else why not. */
    private static String start(String name) {
        try {
            GraphvizEngine candidate;
            switch (name) {
                case "dot" -> {
                    if (!dotOnPath()) {
                        return "no 'dot' program on the PATH";
                    }
                    candidate = new GraphvizCmdLineEngine();
                }
                case "v8" -> {
                    String problem = loadV8();
                    if (problem != null) {
                        return problem;
                    }
                    candidate = new GraphvizV8Engine(v8Directory().toString());
                }
                default -> {
                    if (!onClassPath("org.graalvm.polyglot.Context")) {
                        return "GraalJS is not on the class path (it comes on arm64, or with -D" + ENGINE_PROPERTY
                                + "=js)";
                    }
                    if (System.getProperty("polyglot.engine.WarnInterpreterOnly") == null) {
                        // without Graal's compiler GraalJS interprets, and says so at length for every context
                        System.setProperty("polyglot.engine.WarnInterpreterOnly", "false");
                    }
                    candidate = new GraphvizJdkEngine();
                }
            }
            Graphviz.useEngine(candidate);
            Graphviz.fromString("digraph { a }").render(Format.SVG).toString();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "it did not start (" + firstLine(e) + ")";
        }
    }

    private static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, GraphRenderer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean dotOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && (Files.isExecutable(Path.of(dir, "dot")) || Files.isRegularFile(Path.of(dir, "dot.exe")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads J2V8's native library here, where a failure can be caught (in graphviz-java's start-up thread an
     * {@link UnsatisfiedLinkError} would leave it waiting two minutes); {@code null} when it loaded. On Linux the
     * library is first copied out with its executable-stack flag cleared ({@link ExecStack}), to the very file that
     * J2V8 extracts it to: J2V8 then finds it loaded, and the JVM has no reason to warn "might have disabled stack
     * guard".
     */
    private static String loadV8() {
        if (!Config.get().natives()) {
            return "natives=off";
        }
        String library = j2v8Library(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        URL resource = library == null ? null : GraphRenderer.class.getResource("/" + library);
        if (resource == null) {
            return "graphviz-java has no V8 library for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch");
        }
        try {
            Path dir = v8Directory();
            if (library.endsWith(".so")) {
                Path file = dir.resolve(library);
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                ExecStack.clear(file);
                System.load(file.toString());
            }
            com.eclipsesource.v8.V8.createV8Runtime(null, dir.toString()).release();
            return null;
        } catch (IOException | RuntimeException | LinkageError e) {
            return "its native library did not load (" + firstLine(e) + ")";
        }
    }

    /** The file name J2V8 gives its library on this OS and architecture, or {@code null} for an OS it does not know. */
    static String j2v8Library(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.equals("amd64") || osArch.equals("x86_64") ? "x86_64" : osArch.equals("i686") ? "x86" : osArch;
        if (os.startsWith("windows")) {
            return "libj2v8_win32_" + arch + ".dll";
        }
        if (os.startsWith("mac")) {
            return "libj2v8_macosx_" + arch + ".dylib";
        }
        return os.startsWith("linux") ? "libj2v8_linux_" + arch + ".so" : null;
    }

    /** {@code target/graphviz-v8} when the working directory has a {@code target} folder, else the temp folder. */
    private static Path v8Directory() {
        Path target = Path.of("target");
        Path dir = Files.isDirectory(target) ? target.resolve("graphviz-v8")
                : Path.of(System.getProperty("java.io.tmpdir"), "gradus-graphviz-v8");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for Graphviz's V8 library: " + dir, e);
        }
        return dir.toAbsolutePath();
    }
}
