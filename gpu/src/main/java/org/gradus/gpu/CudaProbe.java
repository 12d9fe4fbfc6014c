package org.gradus.gpu;

import java.util.Optional;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver, once per process, whether there is a device, and caches the answer.
 *
 * <p>Without {@code libcuda.so.1} the first touch of {@link JCudaDriver} throws
 * {@link UnsatisfiedLinkError} and later ones {@link NoClassDefFoundError}; both are
 * {@link LinkageError}s and become a one-line reason here, as does a {@link CudaException} from a
 * driver without a device. With the flag {@code natives=off} nothing is loaded and that is the reason.
 * Nothing is ever thrown to the caller.
 */
public final class CudaProbe {
    private static Result result;

    private CudaProbe() {
    }

    /** The device found, or the reason there is none. */
    public record Result(Optional<DeviceInfo> device, String reason) {
    }

    /** The cached outcome of probing the driver. */
    public static synchronized Result result() {
        if (result == null) {
            result = probe();
        }
        return result;
    }

    /** Whether a CUDA device can be used; the condition of the GPU-only tests ({@code @EnabledIf}). */
    public static boolean deviceAvailable() {
        return result().device().isPresent();
    }

    private static Result probe() {
        if (!org.gradus.Config.get().natives()) {
            return new Result(Optional.empty(), "natives=off: the CUDA driver is not loaded");
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = {0};
            JCudaDriver.cuDeviceGetCount(count);
            if (count[0] == 0) {
                return new Result(Optional.empty(), "the CUDA driver loaded but reports no device");
            }
            int[] driver = {0};
            JCudaDriver.cuDriverGetVersion(driver);
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, device);
            long[] memory = {0};
            JCudaDriver.cuDeviceTotalMem(memory, device);
            DeviceInfo info = new DeviceInfo(driver[0], cString(name),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    memory[0], attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
            return new Result(Optional.of(info), "found " + info.name());
        } catch (LinkageError e) {
            return new Result(Optional.empty(), "CUDA driver library not loadable: " + NativeErrors.summary(e));
        } catch (CudaException e) {
            return new Result(Optional.empty(), "CUDA error: " + NativeErrors.summary(e));
        }
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = {0};
        JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
