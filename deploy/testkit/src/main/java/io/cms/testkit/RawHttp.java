package io.cms.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * HTTP as a CDN or a frontend speaks it, without a client library's helpfulness: the headers sent
 * are exactly those given (no hidden {@code Accept-Encoding}), and bodies arrive as bytes, coded as
 * the server sent them.
 */
public final class RawHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    public RawHttp(URI base) {
        this.base = base;
    }

    /** GET with these header names and values, in pairs. */
    public HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            r.headers(headers);
        }
        try {
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as text, gunzipped when the answer says gzip. */
    public static String text(HttpResponse<byte[]> r) {
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The sum of a Prometheus counter's series on {@code /q/metrics} that carry all these labels ({@code name="value"}). */
    public double counter(String name, String... labels) {
        return text(get("/q/metrics")).lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
