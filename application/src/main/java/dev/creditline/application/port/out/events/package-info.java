/** Outbound ports of the outbox and webhook delivery (events.md). */
package dev.creditline.application.port.out.events;
