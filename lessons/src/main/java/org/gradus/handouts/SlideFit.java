package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The {@code pdfwidth} that makes an image fit a slide of the PDF deck (a 10 × 5.625 in page, see
 * {@code slides/src/docs/theme/deck-theme.yml}): Asciidoctor PDF sizes block images by width only and
 * moves an image that is too tall to the next page, which would break "one slide per page".
 *
 * @param alone the width, in points, for an image alone under the slide title (with one line of text)
 * @param belowCode the width for an image below a few lines of text or code
 */
record SlideFit(String alone, String belowCode) {
    /** Content width of a deck page in points (10 in minus the side margins). */
    static final double WIDTH = 620;
    /** Height left for an image alone under the title and above one line of text. */
    static final double HEIGHT_ALONE = 255;
    /** Height left for an image below a short code block. */
    static final double HEIGHT_BELOW_CODE = 125;

    /** The fitting widths for the PNG image {@code png}. */
    static SlideFit of(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new IOException("not an image Java can read: " + png);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int pixels = reader.getWidth(0);
                double aspect = pixels / (double) reader.getHeight(0);
                return new SlideFit(width(pixels, aspect, HEIGHT_ALONE), width(pixels, aspect, HEIGHT_BELOW_CODE));
            } finally {
                reader.dispose();
            }
        }
    }

    /** Fits the height and the page width, and never enlarges past one point per pixel (it would blur). */
    private static String width(int pixels, double aspect, double height) {
        return (int) Math.floor(Math.min(Math.min(WIDTH, height * aspect), pixels)) + "pt";
    }
}
