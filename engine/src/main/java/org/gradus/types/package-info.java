/** Element types ({@link org.gradus.types.DType}) and static tensor types ({@link org.gradus.types.TensorType}). */
package org.gradus.types;
