/** Matrix and vector products ({@link org.gradus.ops.linalg.Dot}) and their CPU kernel. */
package org.gradus.ops.linalg;
