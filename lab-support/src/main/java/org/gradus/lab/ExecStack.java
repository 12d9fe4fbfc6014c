package org.gradus.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Clears the "executable stack" flag of an ELF shared library in place, as {@code execstack -c} does. A library
 * that asks for an executable stack (J2V8's does) makes the JVM print "might have disabled stack guard" when it
 * loads it, and recent glibc versions refuse to load it at all; the flag is a leftover of how the library was
 * linked, not something its code needs.
 */
final class ExecStack {
    /** ELF program header type {@code PT_GNU_STACK}. */
    static final int PT_GNU_STACK = 0x6474e551;
    /** The executable bit of a program header's flags. */
    static final int PF_X = 1;
    private static final int ELF_MAGIC = 0x464c457f; // "\u007fELF" read little-endian

    private ExecStack() {
    }

    /**
     * Clears the flag in {@code file}. Returns {@code true} when it was set and is now cleared, {@code false} when
     * there is nothing to do: not a 64-bit little-endian ELF file (the only kind J2V8 ships for Linux), or no
     * executable-stack flag.
     */
    static boolean clear(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(head, 0) < 64 || head.getInt(0) != ELF_MAGIC || head.get(4) != 2 || head.get(5) != 1) {
                return false;
            }
            long tableOffset = head.getLong(0x20);
            int entrySize = Short.toUnsignedInt(head.getShort(0x36));
            int entries = Short.toUnsignedInt(head.getShort(0x38));
            ByteBuffer entry = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < entries; i++) {
                long at = tableOffset + (long) i * entrySize;
                entry.clear();
                if (ch.read(entry, at) < 8) {
                    return false;
                }
                if (entry.getInt(0) == PT_GNU_STACK) {
                    int flags = entry.getInt(4);
                    if ((flags & PF_X) == 0) {
                        return false;
                    }
                    entry.clear();
                    entry.putInt(0, PT_GNU_STACK).putInt(4, flags & ~PF_X);
                    ch.write(entry, at);
                    return true;
                }
            }
            return false;
        }
    }
}
