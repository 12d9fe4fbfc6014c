/** A runnable tour of the engine following the reference talk. */
package org.gradus.tour;
