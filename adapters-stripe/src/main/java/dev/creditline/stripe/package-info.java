/** Creditline stripe module. */
package dev.creditline.stripe;
