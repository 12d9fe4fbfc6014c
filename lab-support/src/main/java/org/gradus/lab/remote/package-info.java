/**
 * Lab steps run in one JVM and judged in another: the data format both sides speak
 * ({@link org.gradus.lab.remote.WireWriter}, {@link org.gradus.lab.remote.WireReader}) and the
 * runner that executes a lab's steps ({@link org.gradus.lab.remote.LabRunner}).
 *
 * <p>Only data crosses: numbers, arrays, records by their components, graphs as ops, constants and
 * edges, compiled functions as the spec they were built from, charts as their series. The judging
 * side rebuilds every graph in its own engine and never loads a class of the lab.
 */
package org.gradus.lab.remote;
