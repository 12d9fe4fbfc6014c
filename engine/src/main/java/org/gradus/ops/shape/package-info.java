/** Ops that change the shape or layout of tensors, or build tensors from shapes: dimshuffle, reshape, concatenate, arange, eye. */
package org.gradus.ops.shape;
