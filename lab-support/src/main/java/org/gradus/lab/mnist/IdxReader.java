package org.gradus.lab.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST files: a big-endian header (magic number {@code 0x0803} for
 * images, {@code 0x0801} for labels, then the dimensions) followed by unsigned bytes. Input may be
 * gzip-compressed or plain; the format is detected from the first bytes.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Pixels of {@code count} images of {@code rows × cols}, each as one byte array. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads an images file (idx3-ubyte). */
    public static Images readImages(InputStream in, String what) throws IOException {
        try (DataInputStream data = new DataInputStream(decompressed(in))) {
            int magic = data.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(what + ": not an IDX images file (magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x803)");
            }
            int count = data.readInt();
            int rows = data.readInt();
            int cols = data.readInt();
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            data.readFully(pixels);
            return new Images(count, rows, cols, pixels);
        }
    }

    /** Reads a labels file (idx1-ubyte). */
    public static byte[] readLabels(InputStream in, String what) throws IOException {
        try (DataInputStream data = new DataInputStream(decompressed(in))) {
            int magic = data.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(what + ": not an IDX labels file (magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            byte[] labels = new byte[data.readInt()];
            data.readFully(labels);
            return labels;
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }
}
