package org.gradus.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecStackTest {
    @TempDir
    Path folder;

    /** A 64-bit little-endian ELF header and two program headers (PT_LOAD r-x, PT_GNU_STACK with the given flags). */
    private Path elf(int stackFlags) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 + 2 * 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F').put(4, (byte) 2).put(5, (byte) 1);
        b.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 2);
        b.putInt(64, 1).putInt(68, 5);
        b.putInt(64 + 56, ExecStack.PT_GNU_STACK).putInt(64 + 56 + 4, stackFlags);
        Path file = Files.createTempFile(folder, "lib", ".so");
        Files.write(file, b.array());
        return file;
    }

    private static int flagsOfEntry(Path file, int entry) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getInt(64 + entry * 56 + 4);
    }

    @Test
    void clearsOnlyTheExecutableBitOfTheStackEntry() throws IOException {
        Path file = elf(7); // RWE
        assertThat(ExecStack.clear(file)).isTrue();
        assertThat(flagsOfEntry(file, 1)).isEqualTo(6); // RW
        assertThat(flagsOfEntry(file, 0)).isEqualTo(5); // the code segment keeps r-x
        assertThat(ExecStack.clear(file)).as("already cleared").isFalse();
        assertThat(Files.size(file)).isEqualTo(64 + 2 * 56);
    }

    @Test
    void leavesOtherFilesAlone() throws IOException {
        Path rw = elf(6);
        assertThat(ExecStack.clear(rw)).isFalse();
        assertThat(flagsOfEntry(rw, 1)).isEqualTo(6);
        Path text = folder.resolve("not-elf.so");
        Files.writeString(text, "not an ELF file, but long enough to have a header's worth of bytes in it........");
        assertThat(ExecStack.clear(text)).isFalse();
        assertThat(Files.readString(text)).startsWith("not an ELF file");
    }
}
