package org.gradus.lab.remote;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Length-prefixed messages over a stream: an int length, then that many bytes. */
public final class Frames {
    /** The magic number that starts every message, so stray bytes are recognised as such. */
    private static final int MAGIC = 0x47524431;

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

    /** Reads one message of at most {@code maxBytes}; {@code null} at the end of the stream. */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (magic != MAGIC) {
            throw new WireException("the stream holds something other than a message (stray output?)");
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
