/**
 * Composition root: configuration from environment variables, wiring by hand, the Grizzly
 * server, the embedded PostgreSQL default and the command-line entry points.
 */
package dev.creditline.bootstrap;
