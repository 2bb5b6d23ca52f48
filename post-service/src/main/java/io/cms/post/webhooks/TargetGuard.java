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
 * and again before every attempt, because what a name resolves to can change; the attempt then
 * connects to the address vetted here ({@link #vet}), so a name that resolves to something else a
 * moment later (DNS rebinding) cannot redirect it.
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
        // java.net.URI gives no host for some numeric forms (127.1): read them from the authority.
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        if (isOddNumericHost(uri.getHost() != null ? uri.getHost() : authority.replaceFirst(":[0-9]*$", ""))) {
            return Optional.of("must name its host by name, a dotted-quad IPv4 or a bracketed IPv6 address "
                    + "(shortened, octal, hex or single-number forms such as 127.1 or 0x7f000001 are refused)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials; verify deliveries with the signing secret instead");
        }
        return Optional.empty();
    }

    /**
     * The inet_aton forms other than a plain dotted quad ({@code 127.1}, {@code 0x7f000001},
     * {@code 2130706433}, {@code 0177.0.0.1}): resolvers and HTTP clients disagree on what they mean,
     * which is what an attacker needs.
     */
    static boolean isOddNumericHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        if (labels.length > 4) {
            return false;
        }
        for (String label : labels) {
            if (!label.matches("(?i)0x[0-9a-f]*|[0-9]+")) {
                return false;
            }
        }
        if (labels.length != 4) {
            return true;
        }
        for (String label : labels) {
            if (!label.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(label) > 255) {
                return true;
            }
        }
        return false;
    }

    /**
     * A target checked and resolved once: the URL, its host without brackets, and the address to
     * connect to; or the refusal.
     */
    public record Vetted(URI uri, String host, InetAddress address, String refusal) {
        static Vetted refused(String why) {
            return new Vetted(null, null, null, why);
        }

        public int port() {
            return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        }
    }

    /** Why a request to this URL must not be made now, or empty when it may. */
    public Optional<String> checkTarget(String url) {
        return Optional.ofNullable(vet(url).refusal());
    }

    /** Checks the URL and resolves its host once; every address must be public (unless the host is allowed). */
    public Vetted vet(String url) {
        Optional<String> form = checkForm(url);
        if (form.isPresent()) {
            return Vetted.refused(form.get());
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Vetted.refused("host " + bare + " cannot be resolved");
        }
        if (!allowedPrivateHosts.contains("*") && !allowedPrivateHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    return Vetted.refused("host " + bare + " resolves to " + a.getHostAddress()
                            + ", a loopback, private, link-local or metadata address");
                }
            }
        }
        return new Vetted(uri, bare, addresses[0], null);
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
            if (isEmbeddedV4(b)) { // ::ffff:a.b.c.d, ::a.b.c.d (IPv4-compatible), and NAT64 64:ff9b::/96
                return embeddedIsInternal(java.util.Arrays.copyOfRange(b, 12, 16));
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002:a.b.c.d::/48
                return embeddedIsInternal(java.util.Arrays.copyOfRange(b, 2, 6));
            }
        }
        return false;
    }

    private static boolean embeddedIsInternal(byte[] v4) {
        try {
            return isInternal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean isEmbeddedV4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean compatible = zeros && b[10] == 0 && b[11] == 0;
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || compatible || nat64;
    }
}
