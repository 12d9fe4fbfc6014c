/**
 * The build steps of the lecture handouts ({@code mvn -P handouts}): the reference run of every lab,
 * the document attributes taken from its results, the offline reveal.js deck, the handouts index, and
 * the checks of the finished output folder. Each step is a small {@code main} the Maven build starts.
 */
package org.gradus.handouts;
