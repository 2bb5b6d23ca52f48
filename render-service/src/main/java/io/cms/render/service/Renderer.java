package io.cms.render.service;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.vladsch.flexmark.util.sequence.Escaping;
import io.cms.common.text.FlexmarkPatch;
import io.cms.render.markdown.ContentWarning;
import io.cms.render.markdown.MarkdownRenderer;
import io.cms.render.markdown.RenderResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The Markdown renderer with limits: input size, and time. A render that runs over its time is
 * stopped: its thread is interrupted, and the Markdown it reads ({@code CancellableText}) ends the
 * render at the next few thousand characters. The pool is bounded (one thread per core, a short
 * queue); a render that finds no place is refused at once rather than queued behind others.
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

    private static final Logger LOG = Logger.getLogger(Renderer.class);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final MarkdownRenderer markdown;
    private final RenderConfig config;
    private final ExecutorService pool = new ThreadPoolExecutor(CORES, CORES, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4 * CORES), r -> {
                Thread t = new Thread(r, "markdown-render");
                t.setDaemon(true);
                return t;
            });

    Renderer(RenderConfig config) {
        this.config = config;
        this.markdown = new MarkdownRenderer(siteVariables(config), config.postPath(), config.iframeHosts());
        FlexmarkPatch.checkLoaded("a render thread");
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
        Future<RenderResult> f;
        try {
            f = pool.submit(() -> markdown.render(md, ownExcerpt, true));
        } catch (RejectedExecutionException e) {
            throw new RenderFailure("Every render thread is busy; try again shortly", e);
        }
        try {
            return f.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RenderFailure("Rendering took longer than " + config.timeout().toMillis() + " ms and was stopped", e);
        } catch (ExecutionException e) {
            throw new RenderFailure("Rendering failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderFailure("Interrupted while rendering", e);
        }
    }

    /**
     * A post that cannot be rendered (over the time or size limit) is still served, as a short page
     * that says so, with the reason as a content warning: readers get an answer, the writer sees why,
     * and the stream goes on.
     *
     * @param what names the post in the log line
     */
    public RenderResult renderOrPlaceholder(String text, String ownExcerpt, String what) {
        try {
            return render(text, ownExcerpt);
        } catch (RenderFailure e) {
            LOG.warnf("%s could not be rendered (%s); serving a placeholder", what, e.getMessage());
            String reason = e.getMessage();
            return new RenderResult("<p class=\"cms-render-failed\">This post could not be rendered: "
                    + Escaping.escapeHtml(reason, false) + ".</p>", List.of(), ownExcerpt, 0, 0, 0, 0,
                    List.of(new ContentWarning("render-failed", reason, null)));
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
