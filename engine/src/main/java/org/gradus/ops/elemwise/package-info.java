/** Lifting scalar ops to tensors with NumPy broadcasting, and reducing their gradients over broadcast axes. */
package org.gradus.ops.elemwise;
