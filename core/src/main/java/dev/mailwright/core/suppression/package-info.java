/**
 * The suppression list: a bounce score per address (hard bounces count more than soft ones, the
 * score resets after a quiet period, a threshold suppresses), complaints that suppress at once, and
 * the stores behind it ({@link dev.mailwright.core.spi.SuppressionStore}).
 */
package dev.mailwright.core.suppression;
