/** Canonicalize-phase rules: algebraic identities that bring expressions into one simple form. */
package org.gradus.rewrite.canonicalize;
