package org.gradus.gpu.device;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.gradus.gpu.CudaProbe;
import org.gradus.gpu.DeviceInfo;
import org.gradus.gpu.compiler.KernelCache;
import org.gradus.gpu.compiler.KernelCompilers;
import org.gradus.gpu.kernels.KernelSource;

/**
 * The primary context of device 0 made current on the calling thread, the loaded kernel modules
 * (each {@link KernelSource} compiled once through the {@link KernelCache}), and kernel launches,
 * which it counts. Needs a GPU.
 */
public final class CudaContext {
    private final DeviceInfo device;
    private final KernelCache cache;
    private final DeviceAllocator allocator;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private long launches;

    /** Opens device 0; throws {@link IllegalStateException} with the probe's reason when there is none. */
    public CudaContext() {
        this.device = CudaProbe.result().device()
                .orElseThrow(() -> new IllegalStateException("no CUDA device: " + CudaProbe.result().reason()));
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, 0);
        CUcontext context = new CUcontext();
        JCudaDriver.cuDevicePrimaryCtxRetain(context, dev);
        JCudaDriver.cuCtxSetCurrent(context);
        this.cache = new KernelCache(KernelCache.defaultDirectory(), KernelCompilers.require());
        this.allocator = new DeviceAllocator(DeviceMemory.driver());
    }

    /** The device this context runs on. */
    public DeviceInfo device() {
        return device;
    }

    /** The pooled allocator of this context. */
    public DeviceAllocator allocator() {
        return allocator;
    }

    /** The kernel cache this context compiles through. */
    public KernelCache cache() {
        return cache;
    }

    /** The function {@code entry} of {@code source}, compiling and loading the module on first use. */
    public CUfunction function(KernelSource source, String entry) {
        String key = entry + "\u0000" + source.code();
        CUfunction f = functions.get(key);
        if (f == null) {
            String ptx = cache.ptx(source, device.architecture());
            CUmodule module = new CUmodule();
            JCudaDriver.cuModuleLoadData(module, ptx);
            for (String name : source.entryPoints()) {
                CUfunction g = new CUfunction();
                JCudaDriver.cuModuleGetFunction(g, module, name);
                functions.put(name + "\u0000" + source.code(), g);
            }
            f = functions.get(key);
            if (f == null) {
                throw new IllegalArgumentException(source.description() + " has no kernel named " + entry);
            }
        }
        return f;
    }

    /**
     * Launches {@code entry} on a {@code grid} of {@code block}-thread blocks ({@code {x}} or
     * {@code {x, y}}). Arguments: {@link DeviceArray}, {@link CUdeviceptr}, Integer, Long, Float, Double.
     */
    public void launch(KernelSource source, String entry, int[] grid, int[] block, Object... args) {
        CUfunction f = function(source, entry);
        List<Pointer> pointers = new ArrayList<>();
        for (Object a : args) {
            pointers.add(argument(a));
        }
        Pointer params = Pointer.to(pointers.toArray(new Pointer[0]));
        JCudaDriver.cuLaunchKernel(f, grid[0], grid.length > 1 ? grid[1] : 1, 1,
                block[0], block.length > 1 ? block[1] : 1, 1, 0, null, params, null);
        launches++;
    }

    private static Pointer argument(Object a) {
        if (a instanceof DeviceArray d) {
            return Pointer.to(d.buffer().pointer());
        }
        if (a instanceof CUdeviceptr p) {
            return Pointer.to(p);
        }
        if (a instanceof Integer i) {
            return Pointer.to(new int[] {i});
        }
        if (a instanceof Long l) {
            return Pointer.to(new long[] {l});
        }
        if (a instanceof Float x) {
            return Pointer.to(new float[] {x});
        }
        if (a instanceof Double x) {
            return Pointer.to(new double[] {x});
        }
        throw new IllegalArgumentException("unsupported kernel argument " + a.getClass().getName());
    }

    /** A grid of blocks covering {@code n} elements with {@code threads} per block, capped for grid-stride loops. */
    public int blocksFor(long n, int threads) {
        long blocks = Math.max(1, (n + threads - 1) / threads);
        return (int) Math.min(blocks, 32L * device.multiprocessors());
    }

    /** Waits for every launched kernel to finish. */
    public void synchronize() {
        JCudaDriver.cuCtxSynchronize();
    }

    /** The number of kernels launched so far (cuBLAS calls included, counted once each by their callers). */
    public long launches() {
        return launches;
    }

    /** Counts a launch made outside {@link #launch}, such as a cuBLAS call. */
    void countLaunch() {
        launches++;
    }
}
