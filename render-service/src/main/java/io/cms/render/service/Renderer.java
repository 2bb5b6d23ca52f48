package io.cms.render.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cms.render.markdown.MarkdownRenderer;
import io.cms.render.markdown.RenderResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Markdown renderer with limits: input size, and time. A render that runs over its time is
 * abandoned (its thread finishes in the background) so one pathological post cannot stall the stream.
 *
 * <p>Short posts are rendered on the caller's thread instead: handing a render to another thread
 * and back costs 2–4 ms on two busy cores, 100 times the render of a short post, and the worst
 * inputs of that size found (nested brackets, unclosed links, Liquid fragments, repeated
 * footnotes; see {@code PathologicalInputTest}) render in well under a second.
 */
@ApplicationScoped
public class Renderer {

    /** Why a post could not be rendered; its event goes to the dead-letter topic with this message. */
    public static final class RenderFailure extends RuntimeException {
        public RenderFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MarkdownRenderer markdown;
    private final RenderConfig config;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "markdown-render");
        t.setDaemon(true);
        return t;
    });

    Renderer(RenderConfig config) {
        this.config = config;
        this.markdown = new MarkdownRenderer(siteVariables(config), config.postPath(), config.iframeHosts());
    }

    /** All {@code site.*} variables, baseurl and url included. */
    static java.util.Map<String, String> siteVariables(RenderConfig config) {
        java.util.Map<String, String> all = new java.util.HashMap<>(config.site());
        all.put("baseurl", config.siteBaseurl().orElse(""));
        all.put("url", config.siteUrl().orElse(""));
        return all;
    }

    public RenderResult render(String text, String ownExcerpt) {
        String md = text == null ? "" : text;
        if (md.length() > config.maxMarkdownChars()) {
            throw new RenderFailure("Markdown of " + md.length() + " characters exceeds the limit of "
                    + config.maxMarkdownChars(), null);
        }
        if (md.length() <= config.inlineMaxChars()) {
            try {
                return markdown.render(md, ownExcerpt);
            } catch (RuntimeException | StackOverflowError e) {
                throw new RenderFailure("Rendering failed: " + e, e);
            }
        }
        Future<RenderResult> f = pool.submit(() -> markdown.render(md, ownExcerpt));
        try {
            return f.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RenderFailure("Rendering took longer than " + config.timeout(), e);
        } catch (ExecutionException e) {
            throw new RenderFailure("Rendering failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderFailure("Interrupted while rendering", e);
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
