/** Outbound ports: what the use cases need from the outside world (database, Stripe, clock). */
package dev.creditline.application.port.out;
