/**
 * Pure money rules of Stripe billing (spec: billing.md "Webhook").
 */
package dev.creditline.domain.billing;
