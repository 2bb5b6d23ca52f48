package io.cms.post.importing;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What happened to one imported file: {@code created}, {@code updated}, {@code unchanged} or {@code failed}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResult(String file, String outcome, UUID id, String slug, Long version, String field,
        String error) {

    public static ImportResult failed(String file, String field, String error) {
        return new ImportResult(file, "failed", null, null, null, field, error);
    }

    @JsonIgnore
    public boolean isFailed() {
        return "failed".equals(outcome);
    }
}
