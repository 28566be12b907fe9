/**
 * When monthly allowance credits are granted
 * (lessons 1, 2, 3, 18): lazily for free users in 30-day periods anchored on an
 * instant, and only from paid subscription invoices for paid users.
 */
package dev.creditline.domain.allowance;
