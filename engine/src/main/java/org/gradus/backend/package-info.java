/**
 * The backend SPI: a {@link org.gradus.backend.Backend} says whether it can run here, which nodes it
 * supports, and how it is doing; {@link org.gradus.backend.Backends} finds backends through
 * {@link java.util.ServiceLoader} and picks the one that {@link org.gradus.Config#device()} asks for,
 * falling back to the CPU with one warning (or failing in strict mode) when that one is unavailable.
 *
 * <p>The engine itself contains only the always-available {@link org.gradus.backend.CpuBackend};
 * the CUDA backend lives in the {@code gpu} module, so the engine never imports JCuda.
 */
package org.gradus.backend;
