/**
 * Outbound ports to the payment provider (spec: billing.md).
 *
 * <ul>
 *   <li>{@link dev.creditline.application.port.out.billing.PaymentGateway}: the calls Creditline
 *       makes to Stripe (customers, Checkout Sessions, Billing Portal, subscription cancel).
 *       Failures surface as {@link dev.creditline.application.port.out.billing.PaymentGatewayException}
 *       (HTTP 502 for callers).</li>
 *   <li>{@link dev.creditline.application.port.out.billing.BillingEventVerifier}: turns a signed
 *       webhook request into a typed {@link dev.creditline.application.port.out.billing.BillingEvent}
 *       or refuses it ({@link dev.creditline.application.port.out.billing.WebhookSignatureException},
 *       HTTP 400; {@link dev.creditline.application.port.out.billing.MalformedEventException},
 *       recorded as a permanent problem and answered 200).</li>
 * </ul>
 *
 * <p>Units used throughout: money amounts are in the currency's minor unit (cents) as Stripe
 * sends them; credits are whole Creditline credits; instants are UTC {@link java.time.Instant}s
 * converted from Stripe's Unix seconds.
 */
package dev.creditline.application.port.out.billing;
