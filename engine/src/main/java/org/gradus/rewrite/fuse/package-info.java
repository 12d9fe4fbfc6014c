/** Fuse-phase rule: maximal groups of elementwise ops become one {@link org.gradus.ops.elemwise.Composite} loop. */
package org.gradus.rewrite.fuse;
