package org.gradus.lab;

import guru.nidi.graphviz.engine.Format;
import guru.nidi.graphviz.engine.Graphviz;
import guru.nidi.graphviz.engine.GraphvizCmdLineEngine;
import guru.nidi.graphviz.engine.GraphvizEngine;
import guru.nidi.graphviz.engine.GraphvizV8Engine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders Graphviz DOT text (from {@code Printing.toDot}) to SVG and PNG, as Theano's
 * {@code pydotprint} does. It uses the native {@code dot} program when it is on the {@code PATH}, and
 * otherwise graphviz-java's V8 JavaScript engine, which needs no installation: its native library is
 * extracted under {@code target/graphviz-v8} (or {@code java.io.tmpdir}), never into the home folder.
 *
 * <p>When no engine can start, the DOT file is still written and the result says how to render it
 * by hand. System property {@value #ENGINE_PROPERTY}: {@code dot} or {@code v8} forces one engine.
 */
public final class GraphRenderer {
    /** Forces an engine: {@code dot} or {@code v8}. */
    public static final String ENGINE_PROPERTY = "gradus.graphviz.engine";

    /** svgSalamander warns once per label that it has no Helvetica and falls back; keep it quiet (strong reference). */
    private static final Logger SVG_RASTERIZER_LOG = Logger.getLogger("com.kitfox.svg");

    private static boolean started;
    private static String startProblem;

    /** Writes {@code NAME.dot}, {@code NAME.svg} and {@code NAME.png} into {@code directory}. */
    public RenderedGraph render(String dot, Path directory, String name) {
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

    private static String startEngine() {
        SVG_RASTERIZER_LOG.setLevel(Level.SEVERE);
        String forced = System.getProperty(ENGINE_PROPERTY, "");
        List<GraphvizEngine> engines = new ArrayList<>();
        if (!forced.equals("v8") && dotOnPath()) {
            engines.add(new GraphvizCmdLineEngine());
        }
        if (!forced.equals("dot")) {
            engines.add(new GraphvizV8Engine(v8Directory().toString()));
        }
        if (engines.isEmpty()) {
            return "cannot render graphs: " + ENGINE_PROPERTY + "=dot but no 'dot' program is on the PATH";
        }
        try {
            Graphviz.useEngine(engines);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "cannot render graphs: neither the Graphviz 'dot' program (not on the PATH) nor graphviz-java's "
                    + "V8 JavaScript engine could start (" + e.getMessage() + ")";
        }
    }

    private static boolean dotOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot"))) {
                return true;
            }
        }
        return false;
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
