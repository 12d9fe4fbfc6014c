package org.gradus.lab;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Small grey images (digits, learned filters) tiled in a grid with optional captions, like the
 * tutorials' {@code tile_raster_images}. Digits are drawn dark on white (grey level 1 is black);
 * with {@link #scaleEachTile} each tile is first stretched to its own [min, max], as for filters.
 *
 * <pre>{@code
 * ImageGrid grid = new ImageGrid("Misclassified digits", 28, 28, 10);
 * grid.add(digits.image(i), "7 → 1");
 * grid.picture().show(run.figures(), "misclassified");
 * }</pre>
 */
public final class ImageGrid {
    private static final int GAP = 6;
    private static final int TITLE_HEIGHT = 34;
    private static final int CAPTION_HEIGHT = 16;

    private final String title;
    private final int rows;
    private final int cols;
    private final int columns;
    private final List<float[]> tiles = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private int scale = 3;
    private boolean scaleEachTile;

    /** A grid of {@code rows × cols} images, {@code columns} per row of the grid. */
    public ImageGrid(String title, int rows, int cols, int columns) {
        if (rows <= 0 || cols <= 0 || columns <= 0) {
            throw new IllegalArgumentException("image grid: rows, cols and columns must be positive, got " + rows + ", "
                    + cols + ", " + columns);
        }
        this.title = title;
        this.rows = rows;
        this.cols = cols;
        this.columns = columns;
    }

    /** Adds an image given row by row, with grey levels in [0, 1] (or any range with {@link #scaleEachTile}). */
    public ImageGrid add(float[][] image, String caption) {
        float[] flat = new float[rows * cols];
        if (image.length != rows || image[0].length != cols) {
            throw new IllegalArgumentException("image grid of " + rows + " × " + cols + " images got one of "
                    + image.length + " × " + image[0].length);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(image[r], 0, flat, r * cols, cols);
        }
        return add(flat, caption);
    }

    /** Adds an image given as {@code rows · cols} values in row-major order. */
    public ImageGrid add(float[] pixels, String caption) {
        if (pixels.length != rows * cols) {
            throw new IllegalArgumentException("image grid of " + rows + " × " + cols + " images got " + pixels.length
                    + " values");
        }
        tiles.add(pixels.clone());
        captions.add(caption == null ? "" : caption);
        return this;
    }

    /** Adds an image given as doubles in row-major order (e.g. a column of a weight matrix). */
    public ImageGrid add(double[] pixels, String caption) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) pixels[i];
        }
        return add(f, caption);
    }

    /** Stretches each tile to its own [min, max] before drawing (for filters, whose values are not grey levels). */
    public ImageGrid scaleEachTile(boolean on) {
        this.scaleEachTile = on;
        return this;
    }

    /** Screen pixels per image pixel (3 by default). */
    public ImageGrid scale(int pixelsPerPixel) {
        this.scale = pixelsPerPixel;
        return this;
    }

    /** How many images the grid holds. */
    public int size() {
        return tiles.size();
    }

    /** The grid as a picture, ready to save or show. */
    public Picture picture() {
        if (tiles.isEmpty()) {
            throw new IllegalStateException("image grid '" + title + "' has no images");
        }
        boolean captioned = captions.stream().anyMatch(c -> !c.isEmpty());
        int cellWidth = cols * scale + GAP;
        int cellHeight = rows * scale + GAP + (captioned ? CAPTION_HEIGHT : 0);
        int gridRows = (tiles.size() + columns - 1) / columns;
        int width = Math.max(columns * cellWidth + GAP, 320);
        int height = TITLE_HEIGHT + gridRows * cellHeight + GAP;
        return new Picture(title, width, height, g -> draw(g, width, cellWidth, cellHeight, captioned));
    }

    private void draw(Graphics2D g, int width, int cellWidth, int cellHeight, boolean captioned) {
        g.setColor(Color.BLACK);
        g.setFont(Picture.TITLE_FONT);
        Picture.centred(g, title, width / 2, 22);
        g.setFont(Picture.LABEL_FONT);
        int left = (width - columns * cellWidth + GAP) / 2;
        for (int t = 0; t < tiles.size(); t++) {
            int x = left + (t % columns) * cellWidth;
            int y = TITLE_HEIGHT + (t / columns) * cellHeight;
            g.drawImage(tileImage(tiles.get(t)), x, y, null);
            if (captioned) {
                g.setColor(Color.BLACK);
                Picture.centred(g, captions.get(t), x + cols * scale / 2, y + rows * scale + CAPTION_HEIGHT - 3);
            }
        }
    }

    /** One tile, enlarged by {@code scale} without smoothing, dark on white. */
    private BufferedImage tileImage(float[] pixels) {
        float low = 0;
        float high = 1;
        if (scaleEachTile) {
            low = Float.POSITIVE_INFINITY;
            high = Float.NEGATIVE_INFINITY;
            for (float p : pixels) {
                low = Math.min(low, p);
                high = Math.max(high, p);
            }
        }
        float range = high > low ? high - low : 1;
        BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float level = Math.max(0, Math.min(1, (pixels[r * cols + c] - low) / range));
                int grey = Math.round(255 * (1 - level));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(c * scale + dx, r * scale + dy, rgb);
                    }
                }
            }
        }
        return image;
    }
}
