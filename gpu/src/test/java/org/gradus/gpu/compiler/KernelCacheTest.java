package org.gradus.gpu.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gradus.gpu.kernels.KernelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCacheTest {

    /** A compiler that returns a PTX-like text derived from its input and counts its calls. */
    private static final class FakeCompiler implements KernelCompiler {
        final AtomicInteger calls = new AtomicInteger();
        final String version;

        FakeCompiler(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public String compileToPtx(String source, String architecture) {
            calls.incrementAndGet();
            return "// ptx for " + architecture + " by " + version + "\n" + source.length();
        }
    }

    private static final KernelSource SOURCE = new KernelSource("k", List.of("k"), "extern \"C\" __global__ void k() {}\n");

    @Test
    void secondRequestIsServedFromDiskAndTheSourceIsKeptBesideIt(@TempDir Path dir) throws Exception {
        FakeCompiler compiler = new FakeCompiler("fake 1.0");
        KernelCache cache = new KernelCache(dir, compiler);
        String first = cache.ptx(SOURCE, "sm_90");
        String again = new KernelCache(dir, compiler).ptx(SOURCE, "sm_90");
        assertThat(again).isEqualTo(first).startsWith("// ptx for sm_90 by fake 1.0");
        assertThat(compiler.calls).hasValue(1);
        String key = KernelCache.key(SOURCE.code(), "fake 1.0", "sm_90");
        assertThat(Files.readString(dir.resolve(key + ".cu"))).isEqualTo(SOURCE.code());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(key + ".cu", key + ".ptx");
        }
    }

    @Test
    void keyChangesWithSourceCompilerVersionAndArchitecture() {
        String base = KernelCache.key("a", "nvcc 13.0", "sm_90");
        assertThat(base).hasSize(64).isEqualTo(KernelCache.key("a", "nvcc 13.0", "sm_90"));
        assertThat(List.of(KernelCache.key("b", "nvcc 13.0", "sm_90"), KernelCache.key("a", "nvcc 13.1", "sm_90"),
                KernelCache.key("a", "nvcc 13.0", "sm_80"), KernelCache.key("a", "nvcc 13.0sm_9", "0")))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void concurrentCompilationsOfOneKernelLeaveOneCompleteFile(@TempDir Path dir) throws Exception {
        FakeCompiler compiler = new FakeCompiler("fake 2.0");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // separate caches, as separate processes would have
                results.add(pool.submit(() -> new KernelCache(dir, compiler).ptx(SOURCE, "sm_75")));
            }
            for (Future<String> r : results) {
                assertThat(r.get()).isEqualTo(compiler.compileToPtx(SOURCE.code(), "sm_75"));
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
        String key = KernelCache.key(SOURCE.code(), "fake 2.0", "sm_75");
        assertThat(Files.readString(dir.resolve(key + ".ptx"))).isEqualTo(compiler.compileToPtx(SOURCE.code(), "sm_75"));
    }

    @Test
    void compilerChoiceFallsBackFromNvrtcWithItsReason() {
        NvrtcCompiler.Probe nvrtc = NvrtcCompiler.probe();
        if (nvrtc.compiler() == null) {
            assertThat(nvrtc.reason()).startsWith("NVRTC").doesNotContain("\n");
            assertThat(KernelCompilers.describe()).contains(nvrtc.reason());
        } else {
            assertThat(KernelCompilers.require().name()).isEqualTo("nvrtc");
        }
    }
}
