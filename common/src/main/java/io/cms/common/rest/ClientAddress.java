package io.cms.common.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is asking, for per-client limits: the address of the connection's peer, or, when that peer is
 * a configured trusted proxy ({@code cms.http.trusted-proxies}: the ingress controller), the address
 * it forwards for in {@code X-Forwarded-For}. The header is read from the right: entries a client
 * wrote itself stand to the left of what the trusted proxies appended, so the first address from the
 * right that is not a trusted proxy is the client.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is one host. */
    record Block(byte[] network, int prefix) {
        static Block parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            byte[] address = literal(parts[0]).map(InetAddress::getAddress)
                    .orElseThrow(() -> new IllegalArgumentException("not an address block: " + cidr));
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Block(address, prefix);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;

    @Inject
    ClientAddress(@ConfigProperty(name = "cms.http.trusted-proxies") Optional<List<String>> trusted) {
        this(trusted.orElse(List.of()));
    }

    ClientAddress(List<String> trusted) {
        List<Block> blocks = new ArrayList<>();
        for (String t : trusted) {
            if (!t.isBlank()) {
                blocks.add(Block.parse(t));
            }
        }
        this.trusted = List.copyOf(blocks);
    }

    /** From the service's configuration, for code that is not a CDI bean in every service. */
    public static ClientAddress fromConfig() {
        return new ClientAddress(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValues("cms.http.trusted-proxies", String.class));
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return of(peer, request.getHeader("X-Forwarded-For"));
    }

    String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> a = literal(address);
        return a.isPresent() && trusted.stream().anyMatch(b -> b.contains(a.get()));
    }

    /** The address written in {@code s}, never looked up by name (a header may hold anything). */
    static Optional<InetAddress> literal(String s) {
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
