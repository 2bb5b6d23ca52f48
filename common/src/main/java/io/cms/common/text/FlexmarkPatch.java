package io.cms.common.text;

import java.lang.reflect.Method;

import com.vladsch.flexmark.util.sequence.builder.SegmentBuilderBase;
import org.jboss.logging.Logger;

/**
 * Whether the class loader sees this project's corrected {@link SegmentBuilderBase} (see its header:
 * flexmark's own grows its table one entry at a time, so long blocks parse in quadratic time) rather
 * than flexmark's. For the services that parse Markdown; only they have flexmark to load.
 */
public final class FlexmarkPatch {

    private FlexmarkPatch() {
    }

    /** Logs an error when flexmark's own class is loaded; {@code held} names what a long block would hold. */
    public static void checkLoaded(String held) {
        if (!applied()) {
            Logger.getLogger(FlexmarkPatch.class).error("flexmark's own SegmentBuilderBase is loaded, not cms-common's"
                    + " corrected one: a long paragraph in a quote or a list can hold " + held + " for minutes"
                    + " (see quarkus.class-loading.removed-resources)");
        }
    }

    /** The corrected class grows a full table of 100 entries to 150; flexmark's to 100 again. */
    public static boolean applied() {
        try {
            Method grow = SegmentBuilderBase.class.getDeclaredMethod("ensureCapacity", int[].class, int.class);
            grow.setAccessible(true);
            return ((int[]) grow.invoke(null, new int[200], 100)).length == 300;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
