/**
 * Creditline's business rules as plain Java values and functions: no framework, no I/O.
 * The tests of this module are the executable specification.
 */
package dev.creditline.domain;
