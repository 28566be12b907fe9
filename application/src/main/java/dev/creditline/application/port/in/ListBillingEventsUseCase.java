package dev.creditline.application.port.in;

import dev.creditline.domain.billing.StoredBillingEvent;
import java.util.List;

/** The webhook inbox for admins ({@code GET /api/admin/billing/events}; billing.md "Webhook" step 3). */
public interface ListBillingEventsUseCase {

    /** A page of events and the total. */
    record EventPage(List<StoredBillingEvent> items, long total) {
    }

    /**
     * @param problemsOnly only events with a recorded problem
     * @param limit        page size, clamped to 1..100 (0 → 20)
     * @param offset       rows to skip, negative → 0
     */
    EventPage billingEvents(boolean problemsOnly, int limit, int offset);
}
