package io.cms.post.importing;

import java.util.List;

/** The per-file outcome of an import, with counts. */
public record ImportReport(int created, int updated, int unchanged, int failed, List<ImportResult> files,
        List<ImportResult> media) {

    public static ImportReport of(List<ImportResult> files) {
        return of(files, List.of());
    }

    /** Counts are the posts'; {@code media} lists the images a zip brought (id: the library's). */
    public static ImportReport of(List<ImportResult> files, List<ImportResult> media) {
        return new ImportReport(count(files, "created"), count(files, "updated"), count(files, "unchanged"),
                count(files, "failed"), files, media);
    }

    private static int count(List<ImportResult> files, String outcome) {
        return (int) files.stream().filter(f -> f.outcome().equals(outcome)).count();
    }
}
