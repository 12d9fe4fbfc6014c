package org.gradus.gpu.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.gradus.gpu.kernels.KernelSource;

/**
 * A disk cache of compiled kernels: {@code <dir>/<key>.ptx} beside {@code <key>.cu} (the source,
 * for reading), where {@code key} is the SHA-256 of the source, the compiler's version and the
 * target architecture, so a new compiler or device never reuses stale PTX.
 *
 * <p>Files are written to a temporary file in the same directory and then renamed with
 * {@link StandardCopyOption#ATOMIC_MOVE}: a reader sees either no file or a complete one, and
 * several processes compiling the same kernel at once each write the same bytes, the last rename
 * winning. The directory is {@code gradus.kernelCache} (system property), else
 * {@code $GRADUS_KERNEL_CACHE}, else {@code ~/.cache/gradus/kernels}.
 */
public final class KernelCache {
    private final Path directory;
    private final KernelCompiler compiler;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger compilations = new AtomicInteger();

    public KernelCache(Path directory, KernelCompiler compiler) {
        this.directory = directory;
        this.compiler = compiler;
    }

    /** The cache directory configured for this process. */
    public static Path defaultDirectory() {
        String property = System.getProperty("gradus.kernelCache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("GRADUS_KERNEL_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gradus", "kernels");
    }

    /** The PTX of {@code source} for {@code architecture}, from the cache or freshly compiled and stored. */
    public String ptx(KernelSource source, String architecture) {
        String key = key(source.code(), compiler.version(), architecture);
        Path ptxFile = directory.resolve(key + ".ptx");
        try {
            String cached = Files.readString(ptxFile, StandardCharsets.UTF_8);
            hits.incrementAndGet();
            return cached;
        } catch (NoSuchFileException e) {
            // not compiled yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel cache file " + ptxFile, e);
        }
        String ptx = compiler.compileToPtx(source.code(), architecture);
        compilations.incrementAndGet();
        try {
            Files.createDirectories(directory);
            writeAtomically(directory.resolve(key + ".cu"), source.code());
            writeAtomically(ptxFile, ptx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernel cache in " + directory, e);
        }
        return ptx;
    }

    /** The hex SHA-256 of the source, compiler version and architecture. */
    public static String key(String source, String compilerVersion, String architecture) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, compilerVersion, architecture}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it atomically. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + target.getParent()
                        + " cannot rename atomically; set gradus.kernelCache to a local directory", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The directory holding the cached files. */
    public Path directory() {
        return directory;
    }

    /** How many requests were served from disk. */
    public int hits() {
        return hits.get();
    }

    /** How many requests compiled. */
    public int compilations() {
        return compilations.get();
    }
}
