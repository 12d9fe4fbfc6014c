package org.gradus;

import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.gradus.backend.Availability;
import org.gradus.backend.Backend;
import org.gradus.backend.Backends;
import org.gradus.backend.CpuBackend;
import org.gradus.backend.cpu.codegen.LoopCompiler;
import org.gradus.ops.linalg.NativeBlas;

/**
 * What this machine gives Gradus, one line per topic: the JDK, the OS and architecture, whether generated
 * loops use the Vector API, whether native libraries may load ({@link Config#natives()}), which code runs
 * matrix products and why, how graphs are rendered (from a {@link DoctorCheck} of lab support, when it is on
 * the class path) and which GPU backends are registered and available.
 *
 * <p>Run {@code mvn -q -pl lab-support -am compile -Ddoctor} from the repository root (the class path and JVM
 * of a lab run), or call {@link Gradus#doctor()} in JShell. Probing loads the native libraries that the
 * products would load anyway; nothing else is changed.
 */
public final class Doctor {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Doctor() {
    }

    /** One line of the report. */
    public record Finding(String topic, String text) {
        @Override
        public String toString() {
            return String.format("  %-11s %s", topic, text);
        }
    }

    /** Every finding, in the order of the report. */
    public static List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        out.add(new Finding("JDK", Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home")));
        out.add(new Finding("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("os.arch")));
        out.add(new Finding("Vector API", vectorApi()));
        out.add(new Finding("natives", Config.get().natives() ? "on (GRADUS_FLAGS=natives=off switches them off)"
                : "off (natives=off): no native library is loaded"));
        out.add(new Finding("products", NativeBlas.describe()));
        out.addAll(extraFindings());
        out.add(new Finding("GPU", gpu()));
        return out;
    }

    /** The report as printed by {@link #main}: a title line and one line per finding. */
    public static String report() {
        return "Gradus doctor\n" + findings().stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }

    /** Prints {@link #report()}. */
    public static void main(String... args) {
        System.out.println(report());
    }

    static String vectorApi() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return LoopCompiler.vectorLoops() ? "in use: generated loops are vector loops (" + VECTOR_MODULE + ")"
                    : "resolved, but -Dgradus.vector=false keeps generated loops scalar";
        }
        if (ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()) {
            return "in this JDK but not enabled: generated loops are scalar (start the JVM with --add-modules "
                    + VECTOR_MODULE + " for vector loops)";
        }
        return "not in this JDK: generated loops are scalar";
    }

    private static List<Finding> extraFindings() {
        List<Finding> out = new ArrayList<>();
        var checks = ServiceLoader.load(DoctorCheck.class, Doctor.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!checks.hasNext()) {
                    break;
                }
                DoctorCheck check = checks.next();
                out.add(new Finding(check.topic(), check.finding()));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                out.add(new Finding("check", "a registered DoctorCheck failed: " + e));
            }
        }
        if (out.stream().noneMatch(f -> f.topic().equals("graphs"))) {
            out.add(new Finding("graphs", "not checked: lab support, which renders graphs, is not on the class path"));
        }
        return out;
    }

    static String gpu() {
        List<String> found = new ArrayList<>();
        for (Backend b : Backends.registered()) {
            if (b.name().equals(CpuBackend.NAME)) {
                continue;
            }
            try {
                Availability a = b.availability();
                found.add(b.name() + (a.available() ? " available: " : " unavailable: ") + a.reason());
            } catch (RuntimeException | LinkageError e) {
                found.add(b.name() + " unavailable: its probe failed (" + e + ")");
            }
        }
        return found.isEmpty() ? "no GPU backend on the class path (the gradus-gpu module adds CUDA)"
                : String.join("; ", found);
    }
}
