/**
 * Gradus: a Theano-style symbolic tensor engine. Start with {@link org.gradus.tensor.T} to build
 * expressions and {@link org.gradus.Gradus} to compile them and create shared variables.
 */
package org.gradus;
