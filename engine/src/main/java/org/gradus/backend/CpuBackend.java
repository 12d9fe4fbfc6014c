package org.gradus.backend;

import org.gradus.graph.Apply;

/** The engine's own backend: every op's {@code perform} on the CPU. Always available, supports everything. */
public final class CpuBackend implements Backend {
    /** The device name of the CPU backend. */
    public static final String NAME = "cpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        return Availability.yes("the Java CPU kernels of every op");
    }

    @Override
    public boolean supports(Apply node) {
        return true;
    }

    @Override
    public String statusReport() {
        return "cpu: available (" + Runtime.getRuntime().availableProcessors() + " processors, Java "
                + Runtime.version() + ")";
    }
}
