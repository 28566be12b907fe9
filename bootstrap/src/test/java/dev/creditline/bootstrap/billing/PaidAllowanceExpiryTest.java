package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PLUS;
import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.deliver;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.domain.lot.Rollover;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Paid allowance lots with {@code PLAN_<ID>_ALLOWANCE_EXPIRY=period_end} expire at the
 * {@code period.end} of the invoice's subscription line (lots.md "Plans, packs and rollover"),
 * through the signed webhook; {@code PLAN_<ID>_ROLLOVER_MAX} carries unused credits over once.
 * A plan without the setting keeps allowance lots that never expire.
 */
@DatabaseTest
class PaidAllowanceExpiryTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(env());

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(BillingTestKit.env(stub));
        env.put("PLAN_PRO_ALLOWANCE_EXPIRY", "period_end");
        env.put("PLAN_PRO_ROLLOVER_MAX", "20000");
        env.put("LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "3600");
        return env;
    }

    /** {@code invoice.paid} of {@code priceId} whose subscription line bills {@code [start, end)}. */
    private static String invoicePaid(String invoiceId, String customer, String priceId, Instant start, Instant end) {
        JsonObject event = JsonParser.parseString(BillingTestKit.invoice("invoice.paid", id("evt"),
                now().getEpochSecond(), invoiceId, customer, id("sub"), priceId, "subscription_cycle", "paid"))
                .getAsJsonObject();
        JsonObject invoice = event.getAsJsonObject("data").getAsJsonObject("object");
        JsonObject line = invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
        JsonObject period = new JsonObject();
        period.addProperty("start", start.getEpochSecond());
        period.addProperty("end", end.getEpochSecond());
        line.add("period", period);
        // the invoice's own period is the previous one for subscription invoices: never used
        invoice.addProperty("period_start", start.minus(30, ChronoUnit.DAYS).getEpochSecond());
        invoice.addProperty("period_end", start.getEpochSecond());
        return StripeEvents.envelope(id("evt"), "invoice.paid", now().getEpochSecond(), invoice);
    }

    /** The service clock's "now" (tests move it). */
    private static Instant now() {
        return service.clock().instant();
    }

    private static UUID customerUser(String customer) {
        UUID user = service.createUser(id("paid-expiry") + "@example.com");
        BillingTestKit.setCustomer(service, user, customer);
        return user;
    }

    /** {@code category:priority:rollover_max} of the lot the invoice made. */
    private static String lotOf(UUID user, String invoiceId) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT category || ':' || priority || ':'"
                        + " || coalesce(rollover_max::text, '-') FROM credit_lots"
                        + " WHERE user_id = :u AND ref_type = 'stripe_invoice' AND ref_id = :i")
                .bind("u", user).bind("i", invoiceId).mapTo(String.class).one());
    }

    private static Instant instant(UUID user, String invoiceId, String column) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM credit_lots"
                        + " WHERE user_id = :u AND ref_type = 'stripe_invoice' AND ref_id = :i")
                .bind("u", user).bind("i", invoiceId).mapTo(OffsetDateTime.class).findOne()
                .map(OffsetDateTime::toInstant).orElse(null));
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    @Test
    void the_allowance_lot_of_a_paid_invoice_expires_at_its_subscription_lines_period_end_and_rolls_over_once() {
        String customer = id("cus");
        UUID user = customerUser(customer);
        // Two days back, so that the period ends (a month later) before the user's free allowance
        // (30 days after signup) is due, whatever the month's length.
        Instant start = now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        String invoice = id("in");
        Response r = deliver(service, invoicePaid(invoice, customer, PRICE_PRO, start, end));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(10_000 + 100_000);

        assertThat(instant(user, invoice, "expires_at")).isEqualTo(end);
        assertThat(instant(user, invoice, "rollover_expires_at")).isEqualTo(Rollover.followingPeriodEnd(start, end));
        assertThat(lotOf(user, invoice)).isEqualTo("allowance:10:20000");

        // The views show the expiry: the lots view and the grants list.
        JsonNode lots = service.asUser(user, "GET", "/api/credits/lots", null).json().get("lots");
        assertThat(Instant.parse(lots.get(0).get("expiresAt").asText())).isEqualTo(end);
        JsonNode grant = service.asUser(user, "GET", "/api/user/credit/grants", null).json().get("list").get(0);
        assertThat(grant.get("refId").asText()).isEqualTo(invoice);
        assertThat(Instant.parse(grant.get("expiresAt").asText())).isEqualTo(end);
        assertThat(grant.get("remaining").asLong()).isEqualTo(100_000);
        assertThat(grant.get("status").asText()).isEqualTo("active");

        // The period ends: 100,000 unused expire, 20,000 roll over into a lot of the next period.
        service.clock().advancePast(end);
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(10_000 + 20_000);
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(10_000 + 20_000);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'rollover'"
                + " AND amount = 20000 AND status = 'active' AND expires_at = '"
                + Rollover.followingPeriodEnd(start, end) + "'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'rollover'")).isEqualTo(1);
        JsonNode expired = service.asUser(user, "GET", "/api/user/credit/grants", null).json().get("list").get(0);
        assertThat(expired.get("status").asText()).isEqualTo("expired");
        assertThat(expired.get("remaining").asLong()).isZero();
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.of(user));
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void a_plan_without_period_end_keeps_allowance_lots_that_never_expire() {
        String customer = id("cus");
        UUID user = customerUser(customer);
        Instant start = now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String invoice = id("in");
        Response r = deliver(service, invoicePaid(invoice, customer, PRICE_PLUS, start, start.plus(30,
                ChronoUnit.DAYS)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(10_000 + 250_000);
        assertThat(instant(user, invoice, "expires_at")).isNull();
        assertThat(instant(user, invoice, "rollover_expires_at")).isNull();
        assertThat(lotOf(user, invoice)).isEqualTo("allowance:10:-");
        JsonNode grant = service.asUser(user, "GET", "/api/user/credit/grants", null).json().get("list").get(0);
        assertThat(grant.get("expiresAt").isNull()).isTrue();
        assertThat(grant.get("priority").asInt()).isEqualTo(10);
    }
}
