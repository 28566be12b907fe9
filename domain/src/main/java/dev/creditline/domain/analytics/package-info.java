/**
 * Time arithmetic of usage analytics (spec: analytics.md "Hourly stats cache", "Usage
 * stats", "Comparisons"; lesson 19): UTC hour ranges for the hourly cache, calendar days
 * in an IANA zone (DST-correct), zone resolution, growth ratios and week/month comparison
 * windows. All intervals are half-open {@code [start, end)} of UTC {@link java.time.Instant}s.
 */
package dev.creditline.domain.analytics;
