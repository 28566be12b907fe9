package dev.creditline.bootstrap;

import dev.creditline.application.port.out.events.WebhookHostCheck;
import dev.creditline.domain.ValidationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * {@link WebhookHostCheck} with the JDK resolver and a TCP connect: the host must resolve, none
 * of its addresses may be a wildcard, link-local (cloud metadata) or multicast address, a
 * loopback address only when {@code ALLOW_HTTP_WEBHOOKS=true}, and the first address must accept
 * a connection on the URL's port within the timeout. Nothing is sent.
 */
final class JdkWebhookHostCheck implements WebhookHostCheck {

    private final boolean allowLoopback;
    private final Duration connectTimeout;

    JdkWebhookHostCheck(boolean allowLoopback, Duration connectTimeout) {
        this.allowLoopback = allowLoopback;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public void check(String field, URI url) {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new ValidationException(field, "host " + url.getHost() + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
                throw new ValidationException(field, "host " + url.getHost() + " resolves to " + a.getHostAddress()
                        + ", an address webhooks are not delivered to");
            }
            if (a.isLoopbackAddress() && !allowLoopback) {
                throw new ValidationException(field, "host " + url.getHost() + " is a loopback address (allowed only"
                        + " with ALLOW_HTTP_WEBHOOKS=true)");
            }
        }
        int port = url.getPort() > 0 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(addresses[0], port), (int) connectTimeout.toMillis());
        } catch (IOException | IllegalArgumentException e) {
            throw new ValidationException(field, "host " + url.getHost() + " does not accept connections on port "
                    + port);
        }
    }
}
