package org.gradus.grading;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Grades one lab only when the system property {@code lab} is set ({@code mvn test -Dlab=2}): graded
 * tests of the other labs are left out of the run, and out of the results. Registered through
 * {@code META-INF/services}, so Maven and IDE runs both honour it.
 */
public final class LabFilter implements PostDiscoveryFilter {
    private final Integer lab;

    /** Reads the lab from the system property {@code lab}; none means every lab. */
    public LabFilter() {
        this(selectedLab(System.getProperty("lab")));
    }

    LabFilter(Integer lab) {
        this.lab = lab;
    }

    /** The lab number in {@code value}, or null for all labs. */
    static Integer selectedLab(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("-Dlab must be a lab number such as -Dlab=2, not \"" + value + "\"", notANumber);
        }
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (lab == null || descriptor.getSource().isEmpty()
                || !(descriptor.getSource().get() instanceof MethodSource source)) {
            return FilterResult.included("no lab selected, or not a test method");
        }
        Graded graded;
        try {
            graded = source.getJavaMethod().getAnnotation(Graded.class);
        } catch (RuntimeException notLoadable) {
            return FilterResult.included("not a loadable test method");
        }
        if (graded == null || graded.lab() == lab) {
            return FilterResult.included("lab " + lab + " is graded");
        }
        return FilterResult.excluded("grading lab " + lab + " only (-Dlab=" + lab + ")");
    }
}
