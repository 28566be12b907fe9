/** Outbound ports of balance alerts (events.md "Balance thresholds"). */
package dev.creditline.application.port.out.alerts;
