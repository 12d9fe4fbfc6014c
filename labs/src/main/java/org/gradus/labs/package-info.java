/**
 * The labs of the course. Each lab is one class whose public methods are its steps, and whose
 * {@code main} runs the steps in order; {@link org.gradus.labs.Labs} runs labs by number.
 */
package org.gradus.labs;
