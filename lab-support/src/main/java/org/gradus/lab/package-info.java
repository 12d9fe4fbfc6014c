/**
 * What the labs and their solutions share: the {@link org.gradus.lab.StepRunner} that runs a lab's
 * steps in order, the {@link org.gradus.lab.NotDoneYet} exception of skeleton steps, figure output
 * ({@link org.gradus.lab.Figures}, {@link org.gradus.lab.Plots}), rendered graphs
 * ({@link org.gradus.lab.GraphRenderer}), generated data sets and a progress display for training loops.
 */
package org.gradus.lab;
