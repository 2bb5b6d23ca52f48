package io.cms.render.markdown;

/**
 * Markdown handed to flexmark so that a render can be stopped: every few thousand characters read,
 * it looks at the thread's interrupt flag and, if set, throws {@link Cancelled}. flexmark reads its
 * input through {@code charAt} in every phase (block parsing, inline parsing, HTML writing), so a
 * render whose time is up ends within microseconds of the interrupt, instead of running on in the
 * background for minutes on inputs that are quadratic for it (thousands of unclosed links).
 */
final class CancellableText implements CharSequence {

    /** Thrown in the rendering thread once it has been interrupted. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("the render was stopped", null, false, false);
        }
    }

    private static final int CHECK_EVERY = 4096;

    private final String text;
    private int reads;

    CancellableText(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        if (++reads == CHECK_EVERY) {
            reads = 0;
            if (Thread.currentThread().isInterrupted()) {
                throw new Cancelled();
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new CancellableText(text.substring(start, end));
    }

    @Override
    public String toString() {
        return text;
    }
}
