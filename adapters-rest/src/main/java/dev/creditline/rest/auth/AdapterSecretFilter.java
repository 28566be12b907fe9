package dev.creditline.rest.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import java.util.Optional;

/** Guards {@code /api/internal/auth/*} with {@code X-Adapter-Secret} = {@code ADAPTER_SECRET}. */
@AdapterSecretRequired
@Priority(Priorities.AUTHENTICATION)
public final class AdapterSecretFilter extends SharedSecretFilter {

    public AdapterSecretFilter(Optional<String> adapterSecret) {
        super("X-Adapter-Secret", "ADAPTER_SECRET", "The Auth.js adapter API", adapterSecret);
    }
}
