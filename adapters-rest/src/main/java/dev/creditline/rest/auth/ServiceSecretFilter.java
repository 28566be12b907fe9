package dev.creditline.rest.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import java.util.Optional;

/** Guards the internal metering endpoints with {@code X-Service-Secret} = {@code SERVICE_SECRET}. */
@ServiceSecretRequired
@Priority(Priorities.AUTHENTICATION)
public final class ServiceSecretFilter extends SharedSecretFilter {

    public ServiceSecretFilter(Optional<String> serviceSecret) {
        super("X-Service-Secret", "SERVICE_SECRET", "The internal metering API", serviceSecret);
    }
}
