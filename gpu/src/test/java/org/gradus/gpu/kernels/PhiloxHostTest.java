package org.gradus.gpu.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.random.Distribution;
import org.gradus.ops.random.Philox;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA Philox functions, compiled as host code by nvcc and run, give the CPU's stream: uniform
 * and binomial samples bit for bit, normal samples bit for bit in float32 and within 2 ulp in float64
 * (the host's libm and Java's {@code Math} may round log/cos/sin differently).
 */
class PhiloxHostTest {
    private static final long KEY = Philox.streamKey(1234L, 7L);
    private static final long COUNTER = 0xFFFFFFFEL;  // the block counter crosses into its high word
    private static Path harness;

    @BeforeAll
    static void build(@TempDir Path dir) {
        var nvcc = Nvcc.require();
        harness = dir.resolve("philox-host");
        try {
            nvcc.compileHostProgram(PhiloxKernels.hostHarness(), harness);
        } catch (RuntimeException e) {
            assumeTrue(false, "nvcc could not build a host program (is a host C++ compiler such as g++ installed?): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<String> run(String dist, DType dtype, int n, String a, String b) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(harness.toString(), dist, dtype.numpyName(), Long.toUnsignedString(KEY),
                Long.toString(COUNTER), Integer.toString(n), a, b).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private static NDArray cpu(Distribution d, DType dtype, int n, double... params) {
        NDArray out = NDArray.zeros(dtype, n);
        double[][] full = new double[params.length][n];
        for (int j = 0; j < params.length; j++) {
            java.util.Arrays.fill(full[j], params[j]);
        }
        d.sample(new Philox.WordStream(KEY, COUNTER), full, out);
        return out;
    }

    private static List<String> bits(NDArray a) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.dtype() == DType.FLOAT32 ? String.format("%08x", Float.floatToRawIntBits((float) a.get(i)))
                    : String.format("%016x", Double.doubleToRawLongBits(a.get(i))));
        }
        return out;
    }

    @Test
    void uniformFloat32AndFloat64AreBitIdentical() throws Exception {
        assertThat(run("uniform", DType.FLOAT32, 37, "-1.5", "2.25"))
                .isEqualTo(bits(cpu(new Distribution.Uniform(), DType.FLOAT32, 37, -1.5, 2.25)));
        assertThat(run("uniform", DType.FLOAT64, 37, "0.1", "0.7"))
                .isEqualTo(bits(cpu(new Distribution.Uniform(), DType.FLOAT64, 37, 0.1, 0.7)));
    }

    @Test
    void binomialCorruptionMasksAreIdentical() throws Exception {
        NDArray mask = cpu(new Distribution.Binomial(1), DType.INT64, 101, 0.7);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < mask.size(); i++) {
            expected.add(Long.toString(mask.getLong(i)));
        }
        assertThat(run("binomial", DType.INT64, 101, "1", "0.7")).isEqualTo(expected);
        NDArray counts = cpu(new Distribution.Binomial(5), DType.INT64, 23, 0.3);
        assertThat(run("binomial", DType.INT64, 23, "5", "0.3").stream().mapToLong(Long::parseLong).toArray())
                .containsExactly(counts.int64Data());
    }

    @Test
    void normalSamplesMatchIncludingAnOddLastElement() throws Exception {
        assertThat(run("normal", DType.FLOAT32, 11, "0.5", "2"))
                .isEqualTo(bits(cpu(new Distribution.Normal(), DType.FLOAT32, 11, 0.5, 2)));
        List<String> host = run("normal", DType.FLOAT64, 11, "0.5", "2");
        double[] java = cpu(new Distribution.Normal(), DType.FLOAT64, 11, 0.5, 2).float64Data();
        for (int i = 0; i < java.length; i++) {
            double h = Double.longBitsToDouble(Long.parseUnsignedLong(host.get(i), 16));
            assertThat(h).as("element %d", i).isCloseTo(java[i], org.assertj.core.api.Assertions.within(2 * Math.ulp(java[i])));
        }
    }

}
