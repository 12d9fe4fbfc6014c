/** Merge-phase rules: common subexpressions, equal constants, constant folding and static shapes. */
package org.gradus.rewrite.merge;
