/**
 * The computation graph: {@link org.gradus.graph.Variable}s computed by {@link org.gradus.graph.Apply}
 * nodes, where each user-created node remembers its {@link org.gradus.graph.SourceSite}.
 */
package org.gradus.graph;
