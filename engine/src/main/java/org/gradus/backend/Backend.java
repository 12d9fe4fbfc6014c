package org.gradus.backend;

import org.gradus.graph.Apply;

/**
 * A place where compiled functions run: the CPU, or a device such as a CUDA GPU.
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.gradus.backend.Backend}) and must have a public no-argument
 * constructor that does no work: probing for drivers happens in {@link #availability()}, which must
 * never throw (a missing native library is reported as a reason, not as a {@link LinkageError}).
 *
 * <p>{@link #supports} is the backend's capability table: the placement phase of the optimizer moves
 * the nodes a backend supports onto it and leaves the others on the CPU, with transfers between.
 */
public interface Backend {

    /** The device name that selects this backend in {@code GRADUS_FLAGS=device=...}, such as {@code "cuda"}. */
    String name();

    /** Whether this backend can run here; computed once and cached by the implementation. */
    Availability availability();

    /** Whether this backend can compute the node (its op, for its input and output dtypes). */
    boolean supports(Apply node);

    /** A multi-line human-readable report: driver, device, memory, compilers found, or why none. */
    String statusReport();
}
