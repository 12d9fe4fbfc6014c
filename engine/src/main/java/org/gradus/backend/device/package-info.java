/**
 * The bookkeeping of running a placed graph on a device, shared by every device backend (the CUDA
 * backend and the test suite's fake device): which value lives where, when a transfer happens,
 * shared variables kept on the device between calls, updates, and releasing temporaries.
 * A backend only supplies its {@link org.gradus.backend.device.DeviceKernels}.
 */
package org.gradus.backend.device;
