package dev.creditline.application.port.out;

import dev.creditline.domain.metering.ModelCall;

/** Stores metered model calls (table {@code model_calls}). Runs in the caller's transaction. */
public interface ModelCallRepository {

    /** Inserts the call row (analytics.md "Model calls"). The user must exist. */
    void insert(ModelCall call);
}
