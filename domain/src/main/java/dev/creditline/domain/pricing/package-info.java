/**
 * Credits charged for a model call and the per-type usage
 * measure shown in analytics (analytics.md "Model calls", {@code total_usage}).
 * Amounts of credits are {@code long}; rates are {@link java.math.BigDecimal} credits.
 */
package dev.creditline.domain.pricing;
