package dev.creditline.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.server.internal.ContainerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Grizzly handler in front of Jersey: it answers what Jersey cannot, and decides on which
 * threads requests run (docs/api.md "Input robustness", docs/operations.md "Database outage").
 * <ul>
 *   <li><b>Malformed request targets</b> (a bad percent-escape such as {@code %G1} or a lone
 *       {@code %}, a character a URI path cannot hold such as {@code {}, {@code }} or
 *       {@code |}): 400 problem+json {@code MALFORMED_URL} with a request id, logged on the
 *       request logger, instead of Grizzly's HTML 500.</li>
 *   <li><b>Untrusted framing</b>: a body on a method that cannot have one ({@code TRACE}; Grizzly
 *       does not read it, so it would be parsed as the next request): 400 problem+json
 *       {@code UNTRUSTED_FRAMING}, the connection is closed, and any request parsed from those
 *       bytes is dropped unanswered (request smuggling behind a proxy that reuses
 *       connections). Bodies on {@code GET}, {@code HEAD}, {@code DELETE} are read and
 *       ignored, so the framing holds.</li>
 *   <li><b>Liveness without the workers</b>: a bodiless {@code GET}/{@code HEAD /health} runs on
 *       the I/O thread that parsed it, so it answers while every worker thread waits on the
 *       database. {@code /ready} runs on two threads of its own, so its short timeout starts
 *       when it arrives rather than after the queue of blocked requests.</li>
 * </ul>
 * Everything else runs on the worker pool through Jersey, as before.
 */
final class EdgeHttpHandler extends HttpHandler {

    private static final Logger REQUESTS = LoggerFactory.getLogger("dev.creditline.request");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set on a connection whose framing cannot be trusted: nothing more is served on it. */
    private static final Attribute<Boolean> UNTRUSTED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("creditline.untrusted-framing");

    private final HttpHandler jersey;
    private final RequestExecutorProvider workers = new RequestExecutorProvider.WorkerThreadProvider();
    private final RequestExecutorProvider executors = this::executorFor;
    private final ExecutorService readiness = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "creditline-ready");
        t.setDaemon(true);
        return t;
    });

    EdgeHttpHandler(HttpHandler jersey) {
        super("creditline-edge");
        this.jersey = jersey;
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
        readiness.shutdownNow();
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return executors;
    }

    /** Where {@code request} runs: {@code null} means on the calling (I/O) thread. */
    private Executor executorFor(Request request) {
        String path = request.getRequestURI();
        if ("/health".equals(path) && !hasBody(request)
                && (request.getMethod() == Method.GET || request.getMethod() == Method.HEAD)) {
            return null;
        }
        if ("/ready".equals(path)) {
            return readiness;
        }
        return workers.getExecutor(request);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        Method method = request.getMethod();
        if (UNTRUSTED.isSet(request.getContext().getConnection())) {
            // A request parsed from the bytes after a refused head: never served (see refuse).
            request.getContext().getConnection().closeSilently();
            return;
        }
        if (method.getPayloadExpectation() == Method.PayloadExpectation.NOT_ALLOWED && method != Method.CONNECT
                && hasBody(request)) {
            refuse(request, response, "UNTRUSTED_FRAMING",
                    method.getMethodString() + " requests cannot have a body; the connection is closed.", true);
            return;
        }
        if (!wellFormedTarget(request)) {
            refuse(request, response, "MALFORMED_URL",
                    "The request URL is malformed: percent-escapes must be % followed by two hex digits, and "
                            + "characters such as { } | must be percent-encoded.", false);
            return;
        }
        jersey.service(request, response);
    }

    /** Whether Jersey can turn the target into a URI exactly as its Grizzly container does. */
    static boolean wellFormedTarget(Request request) {
        String path = request.getRequestURI();
        String query = request.getQueryString();
        try {
            new URI("http://127.0.0.1" + ContainerUtils.getHandlerPath(path)
                    + (query == null ? "" : "?" + ContainerUtils.encodeUnsafeCharacters(query)));
            return true;
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasBody(Request request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static void refuse(Request request, Response response, String code, String detail, boolean close)
            throws java.io.IOException {
        String given = request.getHeader("X-Request-Id");
        String requestId = given != null && SAFE_REQUEST_ID.matcher(given).matches()
                ? given : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://creditline.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", "Bad Request");
        body.put("status", 400);
        body.put("detail", detail);
        body.put("code", code);
        body.put("requestId", requestId);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatus(400);
        response.setHeader("X-Request-Id", requestId);
        if (close) {
            // Grizzly may already have parsed the bytes after this head as a next request:
            // mark the connection so that such a request is dropped, then close it.
            UNTRUSTED.set(request.getContext().getConnection(), Boolean.TRUE);
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        MDC.put("requestId", requestId);
        try {
            REQUESTS.info("{} {} 400 {}", printable(request.getMethod().getMethodString()),
                    printable(request.getRequest().getRequestURIRef().getURI()
                            + (request.getQueryString() == null ? "" : "?" + request.getQueryString())), code);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The first 200 characters, with control and non-ASCII characters escaped, for a log line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length && b.length() < 200; i++) {
            int c = bytes[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\x%02X", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
