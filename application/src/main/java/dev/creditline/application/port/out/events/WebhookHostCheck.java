package dev.creditline.application.port.out.events;

import java.net.URI;

/** Whether a webhook endpoint's host can be delivered to, checked when an admin saves it. */
public interface WebhookHostCheck {

    /**
     * Resolves and reaches the host of {@code url}.
     *
     * @throws dev.creditline.domain.ValidationException naming {@code field} when the host does not
     *         resolve, resolves to an address deliveries must not go to, or does not accept connections
     */
    void check(String field, URI url);
}
