/** Inbound ports: one interface per use case, called by the HTTP adapter and the CLI. */
package dev.creditline.application.port.in;
