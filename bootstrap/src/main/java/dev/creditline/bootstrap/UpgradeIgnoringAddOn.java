package dev.creditline.bootstrap;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Makes Grizzly ignore {@code Upgrade} request headers (RFC 9110 §7.8 lets a server ignore
 * them) so the request is handled as plain HTTP/1.1 with its body. Without it, a request
 * such as {@code java.net.http.HttpClient}'s default {@code Upgrade: h2c} POST has its body
 * treated as the new protocol's bytes: Jersey never sees the end of the body, the request
 * hangs and fails (stack.md gotcha 1). The service speaks HTTP/1.1 only; put an HTTP/2
 * terminating proxy in front for HTTP/2 clients.
 */
final class UpgradeIgnoringAddOn implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec filter in the Grizzly filter chain");
        }
        builder.add(codec + 1, new IgnoreUpgradeFilter());
    }

    /** Undoes the codec's upgrade handling when it announces an incoming upgrade request. */
    static final class IgnoreUpgradeFilter extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
            if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
                HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
                if (header.isRequest()) {
                    header.setIgnoreContentModifiers(false);
                    header.getUpgradeDC().recycle();
                    header.getHeaders().removeHeader("Upgrade");
                    header.getHeaders().removeHeader("HTTP2-Settings");
                    header.getHeaders().removeHeader("Connection");
                    return ctx.getStopAction();
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
