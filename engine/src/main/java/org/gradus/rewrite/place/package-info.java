/**
 * The placement phase, run after fusion when a device backend is selected: nodes the device
 * supports are moved onto it ({@link org.gradus.rewrite.place.MoveToDevice}) with explicit transfer
 * ops at the borders, and transfers that undo each other are removed
 * ({@link org.gradus.rewrite.place.CancelTransferPairs}).
 */
package org.gradus.rewrite.place;
