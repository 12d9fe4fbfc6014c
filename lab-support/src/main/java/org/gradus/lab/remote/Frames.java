package org.gradus.lab.remote;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Length-prefixed messages over a stream: an int length, then that many bytes. */
public final class Frames {
    /** The magic number that starts every message, so stray bytes are recognised as such. */
    private static final int MAGIC = 0x47524431;
    /** How much stray output is skipped before the stream is given up. */
    private static final long MAX_SKIPPED = 16L * 1024 * 1024;

    private Frames() {
    }

    /** Writes one message and flushes. */
    public static void write(OutputStream out, byte[] message) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(message.length);
        data.write(message);
        data.flush();
    }

    /**
     * Reads one message of at most {@code maxBytes}; {@code null} at the end of the stream. Bytes before
     * the magic number (a native library or the JVM writing to standard output) are skipped.
     */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int window = 0;
        long skipped = 0;
        while (true) {
            int b = data.read();
            if (b < 0) {
                return null;
            }
            window = (window << 8) | b;
            if (window == MAGIC && skipped >= 3) {
                break;
            }
            if (++skipped > MAX_SKIPPED) {
                throw new WireException("the stream holds something other than messages (" + skipped + " stray bytes)");
            }
        }
        int length = data.readInt();
        if (length < 0 || length > maxBytes) {
            throw new WireException("a message of " + length + " bytes is larger than the limit of " + maxBytes);
        }
        byte[] message = new byte[length];
        data.readFully(message);
        return message;
    }

    /** A growable buffer for building one message. */
    public static ByteArrayOutputStream buffer() {
        return new ByteArrayOutputStream(4096);
    }
}
