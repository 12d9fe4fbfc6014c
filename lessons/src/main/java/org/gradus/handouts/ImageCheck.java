package org.gradus.handouts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Whether an image has content: it decodes, and more than a sliver of it differs from its corner colour. */
final class ImageCheck {
    /** Fewer differing pixels than this fraction count as blank. */
    private static final double MIN_CONTENT = 0.001;

    private ImageCheck() {
    }

    /** {@code null} when the image bytes show something, else what is wrong with them. */
    static String problem(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return "cannot be decoded: " + e.getMessage();
        }
        if (image == null) {
            return "is not an image format Java reads (" + bytes.length + " bytes)";
        }
        int background = image.getRGB(0, 0);
        long differing = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) {
                    differing++;
                }
            }
        }
        double share = differing / (double) ((long) image.getWidth() * image.getHeight());
        return share < MIN_CONTENT ? "is blank (" + image.getWidth() + "x" + image.getHeight() + ", one colour)" : null;
    }
}
