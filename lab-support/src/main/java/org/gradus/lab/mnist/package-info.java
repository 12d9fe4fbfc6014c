/** Handwritten digits: the shipped MNIST subset, IDX file reading, and deterministic stratified splits. */
package org.gradus.lab.mnist;
