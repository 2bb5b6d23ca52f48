package io.cms.post.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.post.service.ProblemException;

/** An RFC 9457 problem document; {@code errors} lists the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<ProblemException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
