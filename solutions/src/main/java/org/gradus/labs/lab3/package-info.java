/** Lab 3 — the multilayer perceptron on handwritten digits: initialization, cost, minibatch training with givens, errors. */
package org.gradus.labs.lab3;
