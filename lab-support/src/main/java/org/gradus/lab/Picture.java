package org.gradus.lab;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;

/**
 * A figure that is not a chart (a grid of digit images, a confusion matrix), drawn once with Java 2D
 * and written, like {@link Figures}' charts, as PNG and SVG under {@code target/figures/labN/}; with
 * a display it also opens in a window.
 */
public final class Picture {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final String title;
    private final int width;
    private final int height;
    private final Consumer<Graphics2D> painter;

    /** A {@code width × height} picture whose content {@code painter} draws on a white background. */
    public Picture(String title, int width, int height, Consumer<Graphics2D> painter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a picture needs a positive size, got " + width + " × " + height);
        }
        this.title = title;
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The picture as a bitmap. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        return image;
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.accept(g);
    }

    /** Writes {@code NAME.png} and {@code NAME.svg} into the lab's figure folder and returns both paths. */
    public List<Path> save(Figures figures, String name) {
        Path png = figures.directory().resolve(name + ".png");
        Path svg = figures.directory().resolve(name + ".svg");
        try {
            Files.createDirectories(figures.directory());
            ImageIO.write(toImage(), "png", png.toFile());
            VectorGraphics2D vector = new VectorGraphics2D();
            paint(vector);
            try (OutputStream out = Files.newOutputStream(svg)) {
                Processors.get("svg").getDocument(vector.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
            }
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write picture " + name + " to " + figures.directory().toAbsolutePath(), e);
        }
    }

    /** Saves the picture, opens it in a window when windows are enabled, and returns a line naming the files. */
    public String show(Figures figures, String name) {
        List<Path> files = save(figures, name);
        if (Figures.windowsEnabled()) {
            BufferedImage image = toImage();
            SwingUtilities.invokeLater(() -> {
                JFrame frame = new JFrame(title);
                frame.add(new JLabel(new ImageIcon(image)));
                frame.pack();
                frame.setVisible(true);
            });
        }
        return "figure: " + files.get(0) + " (and .svg)";
    }

    /** Draws {@code text} centred horizontally on {@code centreX} with its baseline at {@code baseline}. */
    static void centred(Graphics2D g, String text, int centreX, int baseline) {
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, centreX - w / 2, baseline);
    }
}
