package io.cms.post.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.rest.ProblemException;

/** What a client may change of an image: alt text, caption and focal point. */
@JsonIgnoreProperties(value = {"id", "url", "type", "bytes", "width", "height", "sha256", "variants", "fileName", "version",
        "createdAt", "updatedAt", "uploadedBy"}, ignoreUnknown = false)
public record MediaInput(String alt, String caption, FocalPoint focalPoint) {

    /** Where the subject is, 0 to 1 from the left and from the top: crops keep it in view. */
    public record FocalPoint(Float x, Float y) {
    }

    void check() {
        if (alt != null && alt.length() > 1000) {
            throw ProblemException.invalid("alt", "must be at most 1 000 characters");
        }
        if (caption != null && caption.length() > 2000) {
            throw ProblemException.invalid("caption", "must be at most 2 000 characters");
        }
        if (focalPoint != null && (focalPoint.x() == null || focalPoint.y() == null || focalPoint.x() < 0 || focalPoint.x() > 1
                || focalPoint.y() < 0 || focalPoint.y() > 1)) {
            throw ProblemException.invalid("focalPoint", "must be {x, y}, each from 0 to 1");
        }
    }
}
