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
 * {@code target/figures/labN/}; with a display, it also opens in a window.
 *
 * <p>System properties: {@value #DIRECTORY_PROPERTY} changes the base folder (default
 * {@code target/figures}, relative to the working directory); {@value #WINDOWS_PROPERTY}{@code =false}
 * keeps windows closed even with a display (the reference run of the handouts uses it).
 */
public final class Figures {
    /** The base folder of all labs' figures. */
    public static final String DIRECTORY_PROPERTY = "gradus.figures.dir";
    /** Set to {@code false} to never open windows. */
    public static final String WINDOWS_PROPERTY = "gradus.figures.windows";

    private final Path directory;

    /** The figures of lab {@code lab}, in {@code <base>/labN}. */
    public Figures(int lab) {
        this(Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/figures")).resolve("lab" + lab));
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
