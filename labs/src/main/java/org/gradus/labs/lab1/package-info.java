/** Lab 1 — the logistic function: expressions, compiled functions, gradients and their graphs. */
package org.gradus.labs.lab1;
