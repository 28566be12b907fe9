/**
 * Limits for anonymous guests (spec: domain.md "Guests").
 */
package dev.creditline.domain.guest;
