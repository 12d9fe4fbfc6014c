/** Lab 2 — the single neuron: shared variables, a cost, its gradient, and training with updates. */
package org.gradus.labs.lab2;
