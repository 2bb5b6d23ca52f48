package io.cms.post.importing;

import java.util.List;

/** The per-file outcome of an import, with counts. */
public record ImportReport(int created, int updated, int unchanged, int failed, List<ImportResult> files) {

    public static ImportReport of(List<ImportResult> files) {
        return new ImportReport(count(files, "created"), count(files, "updated"), count(files, "unchanged"),
                count(files, "failed"), files);
    }

    private static int count(List<ImportResult> files, String outcome) {
        return (int) files.stream().filter(f -> f.outcome().equals(outcome)).count();
    }
}
