/** Outbound ports of auto top-up (events.md "Auto top-up"). */
package dev.creditline.application.port.out.topup;
