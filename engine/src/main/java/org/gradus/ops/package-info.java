/** The {@link org.gradus.ops.Op} interface; op families live in the sub-packages, one concept each. */
package org.gradus.ops;
