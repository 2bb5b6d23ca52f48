package io.cms.post.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps webhooks from being turned against the inside of the network (SSRF): a target must be an
 * http(s) URL whose host resolves only to public addresses. Checked when a subscription is saved
 * and again before every attempt, because what a name resolves to can change.
 */
@ApplicationScoped
public class TargetGuard {

    private final List<String> allowedPrivateHosts;

    @Inject
    TargetGuard(WebhookConfig config) {
        this(config.allowPrivateTargets().orElse(List.of()));
    }

    TargetGuard(List<String> allowedPrivateHosts) {
        this.allowedPrivateHosts = allowedPrivateHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Why the URL's form is not acceptable, or empty; does not look the host up. */
    public Optional<String> checkForm(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials; verify deliveries with the signing secret instead");
        }
        return Optional.empty();
    }

    /** Why a request to this URL must not be made now, or empty when it may. */
    public Optional<String> checkTarget(String url) {
        Optional<String> form = checkForm(url);
        if (form.isPresent()) {
            return form;
        }
        String host = URI.create(url).getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedPrivateHosts.contains("*") || allowedPrivateHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("host " + bare + " cannot be resolved");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                return Optional.of("host " + bare + " resolves to " + a.getHostAddress()
                        + ", a loopback, private, link-local or metadata address");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && (second & 0xc0) == 64) // carrier-grade NAT 100.64.0.0/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second & 0xfe) == 18) // benchmarking 198.18.0.0/15
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            if (isEmbeddedV4(b)) { // ::ffff:a.b.c.d written as IPv6, and NAT64 64:ff9b::/96
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEmbeddedV4(byte[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || nat64;
    }
}
