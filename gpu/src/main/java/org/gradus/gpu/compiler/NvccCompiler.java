package org.gradus.gpu.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nvcc} command-line compiler: {@code nvcc --ptx -arch=<arch>} on a temporary file.
 * Found as {@code $CUDA_HOME/bin/nvcc}, else {@code nvcc} on the {@code PATH}, else
 * {@code /usr/local/cuda/bin/nvcc}.
 */
public final class NvccCompiler implements KernelCompiler {
    private static final long TIMEOUT_SECONDS = 120;
    private final Path executable;
    private final String version;

    private NvccCompiler(Path executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** The nvcc found on this machine, if any; never throws. */
    public static Optional<NvccCompiler> find() {
        for (Path candidate : candidates()) {
            if (Files.isExecutable(candidate)) {
                try {
                    Run r = run(List.of(candidate.toString(), "--version"), null);
                    if (r.exitCode == 0) {
                        String line = r.output.lines().filter(l -> l.contains("release")).findFirst()
                                .orElse(r.output.strip());
                        return Optional.of(new NvccCompiler(candidate, line.strip()));
                    }
                } catch (IOException | KernelCompilationException e) {
                    // not a working nvcc; try the next candidate
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) {
            out.add(Path.of(home, "bin", "nvcc"));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    out.add(Path.of(dir, "nvcc"));
                }
            }
        }
        out.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return out;
    }

    /** Where this nvcc is. */
    public Path executable() {
        return executable;
    }

    @Override
    public String name() {
        return "nvcc";
    }

    @Override
    public String version() {
        return "nvcc " + version;
    }

    @Override
    public String compileToPtx(String source, String architecture) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gradus-nvcc");
            Path cu = dir.resolve("kernel.cu");
            Path ptx = dir.resolve("kernel.ptx");
            Files.writeString(cu, source, StandardCharsets.UTF_8);
            Run r = run(List.of(executable.toString(), "--ptx", "-arch=" + architecture, "-o", ptx.toString(),
                    cu.toString()), dir);
            if (r.exitCode != 0) {
                throw new KernelCompilationException("nvcc failed (exit " + r.exitCode + ") for arch " + architecture
                        + ":\n" + r.output + "\n--- source ---\n" + source);
            }
            return Files.readString(ptx, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KernelCompilationException("could not run nvcc at " + executable + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Compiles {@code source} as a host program (nvcc drives the host C++ compiler) into
     * {@code executableOut}; used to check {@code __host__ __device__} code without a GPU.
     */
    public void compileHostProgram(String source, Path executableOut) {
        try {
            Path cu = Files.createTempFile(executableOut.getParent(), "host", ".cu");
            Files.writeString(cu, source, StandardCharsets.UTF_8);
            Run r = run(List.of(executable.toString(), "-O2", "-o", executableOut.toString(), cu.toString()),
                    executableOut.getParent());
            Files.deleteIfExists(cu);
            if (r.exitCode != 0) {
                throw new KernelCompilationException("nvcc could not build the host program:\n" + r.output);
            }
        } catch (IOException e) {
            throw new KernelCompilationException("could not run nvcc at " + executable + ": " + e.getMessage(), e);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelCompilationException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(p.exitValue(), output);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelCompilationException("interrupted while running " + command.get(0), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
