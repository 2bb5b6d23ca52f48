package io.cms.post.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;

/** One pass over a spooled zip's entries, streamed, with the entry limit and the zip's errors as problems. */
final class ZipWalk {

    /** Handles one entry; its bytes are read from {@code zip} (bounded by the caller). */
    interface Entry {
        void accept(ZipEntry entry, ZipInputStream zip) throws IOException;
    }

    private ZipWalk() {
    }

    /** @return how many entries the zip has */
    static int each(Path zipFile, int maxEntries, Entry handler) {
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip has more than " + maxEntries + " entries");
                }
                handler.accept(entry, zip);
            }
        } catch (ZipException e) {
            throw ProblemException.invalid("body", "is not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read: " + e.getMessage());
        }
        return entries;
    }
}
