package dev.creditline.application.port.out.billing;

/**
 * A call to the payment provider failed: network error, timeout, provider 5xx, a declined
 * card, an invalid request, or an answer we could not read (spec: billing.md "Outgoing
 * calls"; lessons.md 12). Callers answer HTTP 502 and change nothing on their side.
 *
 * <p>The message is safe to log: it names the operation and the provider's error type, code,
 * HTTP status and request id, never an API key, webhook secret or client secret. The
 * provider's exception is deliberately not attached as the cause (its message and request
 * details could carry secrets).
 */
public class PaymentGatewayException extends RuntimeException {

    /** Stable error code, used by the HTTP adapter in the problem+json body. */
    public static final String CODE = "STRIPE_ERROR";

    private final Integer providerStatus;
    private final String providerErrorCode;
    private final String requestId;

    /**
     * @param message           safe, secret-free description
     * @param providerStatus    HTTP status the provider answered, or {@code null} when no
     *                          answer was received (connection failure, timeout)
     * @param providerErrorCode the provider's error code (e.g. {@code card_declined},
     *                          {@code resource_missing}) or {@code null}
     * @param requestId         the provider's request id (Stripe {@code req_...}) or {@code null}
     */
    public PaymentGatewayException(String message, Integer providerStatus, String providerErrorCode,
                                   String requestId) {
        super(message);
        this.providerStatus = providerStatus;
        this.providerErrorCode = providerErrorCode;
        this.requestId = requestId;
    }

    /** Convenience constructor for failures without a provider answer. */
    public PaymentGatewayException(String message) {
        this(message, null, null, null);
    }

    /** Always {@value #CODE}. */
    public String code() {
        return CODE;
    }

    /** HTTP status answered by the provider, or {@code null} when there was no answer. */
    public Integer providerStatus() {
        return providerStatus;
    }

    /** Provider error code such as {@code card_declined}, or {@code null}. */
    public String providerErrorCode() {
        return providerErrorCode;
    }

    /** Provider request id (Stripe {@code req_...}) for support, or {@code null}. */
    public String requestId() {
        return requestId;
    }
}
