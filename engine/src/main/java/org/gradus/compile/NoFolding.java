package org.gradus.compile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an op class whose nodes must run at every call (random draws, ops with side effects): the
 * optimizer never folds them into constants and never merges two of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NoFolding {
}
