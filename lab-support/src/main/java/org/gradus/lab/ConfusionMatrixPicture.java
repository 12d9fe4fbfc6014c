package org.gradus.lab;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/**
 * A confusion matrix as a heat map: row t, column p holds how many examples of true class t were
 * predicted as p, shaded by that count relative to its row and printed in the cell; the diagonal
 * (correct answers) is blue, the rest red, so mistakes stand out.
 */
public final class ConfusionMatrixPicture {
    private static final int CELL = 44;
    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN_TOP = 70;

    private ConfusionMatrixPicture() {
    }

    /** The picture of {@code counts[true][predicted]} (a square matrix) under {@code title}. */
    public static Picture of(String title, int[][] counts) {
        int n = counts.length;
        for (int[] row : counts) {
            if (row.length != n) {
                throw new IllegalArgumentException("a confusion matrix is square; got a row of " + row.length
                        + " entries in a matrix of " + n + " rows");
            }
        }
        int width = MARGIN_LEFT + n * CELL + 30;
        int height = MARGIN_TOP + n * CELL + 30;
        return new Picture(title, width, height, g -> draw(g, title, counts, width));
    }

    private static void draw(Graphics2D g, String title, int[][] counts, int width) {
        int n = counts.length;
        g.setColor(Color.BLACK);
        g.setFont(Picture.TITLE_FONT);
        Picture.centred(g, title, width / 2, 22);
        g.setFont(Picture.LABEL_FONT);
        Picture.centred(g, "predicted class", MARGIN_LEFT + n * CELL / 2, 44);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        Picture.centred(g, "true class", -(MARGIN_TOP + n * CELL / 2), 22);
        g.setTransform(saved);
        for (int i = 0; i < n; i++) {
            Picture.centred(g, Integer.toString(i), MARGIN_LEFT + i * CELL + CELL / 2, MARGIN_TOP - 8);
            Picture.centred(g, Integer.toString(i), MARGIN_LEFT - 14, MARGIN_TOP + i * CELL + CELL / 2 + 5);
        }
        for (int t = 0; t < n; t++) {
            int rowTotal = 0;
            for (int c : counts[t]) {
                rowTotal += c;
            }
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                // mistakes are rarer than hits: stretch their shading so a few percent already shows
                double shade = t == p ? share : Math.min(1, Math.sqrt(share * 4));
                Color full = t == p ? new Color(0x1f, 0x77, 0xb4) : new Color(0xd6, 0x27, 0x28);
                g.setColor(blend(full, shade));
                int x = MARGIN_LEFT + p * CELL;
                int y = MARGIN_TOP + t * CELL;
                g.fillRect(x, y, CELL, CELL);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, CELL, CELL);
                if (counts[t][p] > 0) {
                    g.setColor(shade > 0.6 ? Color.WHITE : Color.BLACK);
                    Picture.centred(g, Integer.toString(counts[t][p]), x + CELL / 2, y + CELL / 2 + 5);
                }
            }
        }
    }

    /** {@code full} mixed with white: 0 gives white, 1 gives {@code full}. */
    private static Color blend(Color full, double amount) {
        double a = Math.max(0, Math.min(1, amount));
        return new Color((int) Math.round(255 - a * (255 - full.getRed())),
                (int) Math.round(255 - a * (255 - full.getGreen())), (int) Math.round(255 - a * (255 - full.getBlue())));
    }
}
