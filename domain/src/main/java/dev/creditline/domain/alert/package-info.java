/** Balance alerts: low-balance thresholds, depletion and the auto top-up trigger (events.md). */
package dev.creditline.domain.alert;
