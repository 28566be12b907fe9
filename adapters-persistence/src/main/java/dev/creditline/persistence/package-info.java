/** Creditline persistence module. */
package dev.creditline.persistence;
