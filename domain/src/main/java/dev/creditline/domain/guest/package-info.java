/**
 * Limits for anonymous guests.
 */
package dev.creditline.domain.guest;
