package org.gradus.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeErrorsTest {

    @Test
    void keepsTheFirstLineAndNamesTheMissingLibrary() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory\n"
                + "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)");
        assertThat(NativeErrors.summary(e)).isEqualTo("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\""
                + " (libcuda.so.1: cannot open shared object file)");
        assertThat(NativeErrors.summary(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver")))
                .isEqualTo("Could not initialize class jcuda.driver.JCudaDriver");
    }
}
