/** Reproducible random streams (Theano's {@code RandomStreams}) built on the counter-based Philox4x32-10 generator. */
package org.gradus.ops.random;
