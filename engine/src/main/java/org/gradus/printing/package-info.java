/**
 * Graph printing: a Theano-style {@code debugprint} tree, an infix pretty-printer and Graphviz DOT
 * export, all reached through {@link org.gradus.printing.Printing}.
 */
package org.gradus.printing;
