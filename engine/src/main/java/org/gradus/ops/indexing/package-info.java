/** NumPy-style indexing of tensors (basic slices, integer and advanced indexing) and its set/increment inverses, all differentiable. */
package org.gradus.ops.indexing;
