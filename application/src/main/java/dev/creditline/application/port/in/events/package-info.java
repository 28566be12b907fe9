/** Use cases of outbound events: webhook endpoints, deliveries, the dispatcher (events.md). */
package dev.creditline.application.port.in.events;
