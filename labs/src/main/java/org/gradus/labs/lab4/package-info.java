/** Lab 4 — the denoising autoencoder: corruption, tied weights, cross-entropy, learned filters. */
package org.gradus.labs.lab4;
