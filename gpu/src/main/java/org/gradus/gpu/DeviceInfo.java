package org.gradus.gpu;

/** What the driver reports about device 0. {@code driverVersion} is CUDA's encoding, e.g. 13000 for 13.0. */
public record DeviceInfo(int driverVersion, String name, int computeMajor, int computeMinor, long totalMemoryBytes,
                         int multiprocessors) {

    /** The compile target, such as {@code sm_90}. */
    public String architecture() {
        return "sm_" + computeMajor + computeMinor;
    }

    /** The driver's CUDA version as {@code major.minor}. */
    public String driverCudaVersion() {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }
}
