package dev.creditline.rest.problem;

import dev.creditline.application.port.out.billing.PaymentGatewayException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed Stripe call: 502 {@code STRIPE_ERROR} (billing.md; lesson 12). The detail is a fixed
 * sentence; the provider's request id (if any) is an extension member for support. The
 * exception's message is secret-free and logged.
 */
@Provider
public final class PaymentGatewayExceptionMapper implements ExceptionMapper<PaymentGatewayException> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentGatewayExceptionMapper.class);

    @Override
    public Response toResponse(PaymentGatewayException e) {
        LOG.warn("payment provider call failed: {}", e.getMessage());
        Map<String, Object> ext = new LinkedHashMap<>();
        if (e.requestId() != null) {
            ext.put("stripe_request_id", e.requestId());
        }
        return Problems.response(502, PaymentGatewayException.CODE, "Bad Gateway",
                "The payment provider did not complete the request; nothing was changed. Please try again.", ext);
    }
}
