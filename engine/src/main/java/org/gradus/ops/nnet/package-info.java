/**
 * Neural-network ops: {@link org.gradus.ops.nnet.Softmax}, {@link org.gradus.ops.nnet.LogSoftmax} and the
 * cross-entropy costs, reached through {@link org.gradus.ops.nnet.NNet} and {@code T.softmax} etc.
 */
package org.gradus.ops.nnet;
