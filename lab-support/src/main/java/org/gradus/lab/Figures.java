package org.gradus.lab;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Where a lab's figures go: every chart is written as PNG (for PDF handouts) and SVG under
 * {@code <module>/target/figures/labN/}; with a display, it also opens in a window.
 *
 * <p>The module is the one whose lab code runs, wherever the lab was started from (an IDE with the
 * module or the repository root as working directory, or {@code mvn -pl labs}): the skeletons write to
 * {@code labs/target/figures/labN}, the reference solutions to {@code solutions/target/figures/labN}. It
 * is found from where the running lab class was loaded ({@code <module>/target/classes} or a jar in
 * {@code <module>/target}); when that says nothing, from the working directory: walking up to the
 * project root (the folder whose {@code pom.xml} declares {@code gradus-parent}), then {@code labs/}.
 *
 * <p>System properties: {@value #DIRECTORY_PROPERTY} sets the base folder instead (relative to the
 * working directory); {@value #WINDOWS_PROPERTY}{@code =false} keeps windows closed even with a display
 * (the reference run of the handouts uses it).
 */
public final class Figures {
    /** The base folder of all labs' figures. */
    public static final String DIRECTORY_PROPERTY = "gradus.figures.dir";
    /** Set to {@code false} to never open windows. */
    public static final String WINDOWS_PROPERTY = "gradus.figures.windows";

    private final Path directory;

    /** The figures of lab {@code lab}, in {@code <base>/labN} (see the class comment for the base). */
    public Figures(int lab) {
        this(baseDirectory().resolve("lab" + lab));
    }

    /** The base folder of every lab's figures: the property's, else {@code <module>/target/figures}. */
    public static Path baseDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path module = labModule();
        return module == null ? Path.of("target", "figures") : module.resolve("target").resolve("figures");
    }

    /** The module folder of the lab code that is running, or {@code null} when neither rule finds one. */
    static Path labModule() {
        Class<?> lab = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c.getName().startsWith("org.gradus.labs.")).findFirst().orElse(null));
        if (lab == null) {
            try {
                lab = Class.forName("org.gradus.labs.Labs", false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                lab = null;
            }
        }
        Path fromClass = lab == null ? null : moduleOf(lab);
        if (fromClass != null) {
            return fromClass;
        }
        Path root = projectRoot(Path.of("").toAbsolutePath());
        return root == null ? null : root.resolve("labs");
    }

    /** {@code <module>} for a class loaded from {@code <module>/target/classes} or {@code <module>/target/x.jar}. */
    private static Path moduleOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            Path target = location.getParent();
            if (target == null || !target.getFileName().toString().equals("target")) {
                return null;
            }
            Path module = target.getParent();
            return module != null && Files.isRegularFile(module.resolve("pom.xml")) ? module : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The nearest folder at or above {@code from} whose {@code pom.xml} declares {@code gradus-parent}. */
    static Path projectRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>gradus-parent</artifactId>")
                        && !Files.readString(pom).contains("<parent>")) {
                    return dir;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Figures written to {@code directory}. */
    public Figures(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Whether charts open in a window: a display is present and windows are not switched off. */
    public static boolean windowsEnabled() {
        return !GraphicsEnvironment.isHeadless() && !"false".equals(System.getProperty(WINDOWS_PROPERTY));
    }

    /** Writes the chart as {@code NAME.png} and {@code NAME.svg}, and opens it in a window when possible. */
    public List<Path> show(XYChart chart, String name) {
        List<Path> files = save(chart, name);
        if (windowsEnabled()) {
            new SwingWrapper<>(chart).setTitle(chart.getTitle()).displayChart();
        }
        return files;
    }

    /** Writes the chart as {@code NAME.png} and {@code NAME.svg} and returns both paths. */
    public List<Path> save(XYChart chart, String name) {
        try {
            Files.createDirectories(directory);
            String base = directory.resolve(name).toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return List.of(Path.of(base + ".png"), Path.of(base + ".svg"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + name + " to " + directory.toAbsolutePath(), e);
        }
    }
}
