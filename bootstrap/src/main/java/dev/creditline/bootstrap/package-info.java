/** Creditline bootstrap module. */
package dev.creditline.bootstrap;
