/**
 * The ops that the placement phase puts into a graph compiled for a device backend: the transfers
 * {@link org.gradus.ops.device.HostToDevice} and {@link org.gradus.ops.device.DeviceToHost}, and
 * {@link org.gradus.ops.device.OnDevice}, which marks a node that runs on the device. On the CPU
 * each of them computes what the op it stands for computes, so a placed graph still runs anywhere.
 */
package org.gradus.ops.device;
