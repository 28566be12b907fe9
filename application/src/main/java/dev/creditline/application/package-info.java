/** Creditline application module. */
package dev.creditline.application;
