/** Reverse-mode symbolic gradients, gradient stops, Jacobians and Hessians, and the finite-difference checker. */
package org.gradus.grad;
