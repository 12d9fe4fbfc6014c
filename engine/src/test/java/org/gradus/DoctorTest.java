package org.gradus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gradus.ops.linalg.NativeBlas;
import org.junit.jupiter.api.Test;

/**
 * The doctor's report against what this JVM says of itself. The engine's tests run it twice: in the default
 * run (natives on where they load) and in the {@code natives-off} run ({@code -Dgradus.flags=natives=off}).
 */
class DoctorTest {

    private static Map<String, String> byTopic() {
        return Doctor.findings().stream().collect(Collectors.toMap(Doctor.Finding::topic, Doctor.Finding::text));
    }

    @Test
    void reportsTheJdkTheOsAndTheVectorApiOfThisJvm() {
        Map<String, String> f = byTopic();
        assertThat(f.get("JDK")).startsWith(Runtime.version().toString())
                .contains(System.getProperty("java.vendor"));
        assertThat(f.get("OS")).startsWith(System.getProperty("os.name")).endsWith(System.getProperty("os.arch"));
        boolean resolved = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(f.get("Vector API")).startsWith(resolved ? "in use" : "in this JDK but not enabled");
    }

    @Test
    void productsLineFollowsTheNativesFlag() {
        Map<String, String> f = byTopic();
        assertThat(f.get("products")).isEqualTo(NativeBlas.describe());
        if (Config.get().natives()) {
            assertThat(f.get("natives")).startsWith("on");
            // where OpenBLAS loaded it is named, else the reason for pure Java is given
            assertThat(f.get("products")).matches(NativeBlas.isLoaded() ? "(oneDNN.*)?OpenBLAS \\(.*\\).*"
                    : "pure Java \\(OpenBLAS did not load on .*\\)");
        } else {
            assertThat(f.get("natives")).startsWith("off");
            assertThat(NativeBlas.isLoaded()).isFalse();
            assertThat(f.get("products")).isEqualTo("pure Java (natives=off)");
        }
    }

    @Test
    void withoutLabSupportOrAGpuModuleTheLinesSaySo() {
        List<Doctor.Finding> findings = Doctor.findings();
        assertThat(findings).extracting(Doctor.Finding::topic)
                .containsExactly("JDK", "OS", "Vector API", "natives", "products", "graphs", "GPU");
        Map<String, String> f = byTopic();
        assertThat(f.get("graphs")).startsWith("not checked: lab support");
        assertThat(f.get("GPU")).isEqualTo("no GPU backend on the class path (the gradus-gpu module adds CUDA)");
        assertThat(Gradus.doctor()).startsWith("Gradus doctor\n  JDK ").contains("\n  products    " + f.get("products"));
    }
}
