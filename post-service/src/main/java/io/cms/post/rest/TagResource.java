package io.cms.post.rest;

import io.cms.common.auth.Callers;
import io.cms.post.taxonomy.TermKind;
import io.cms.post.taxonomy.Terms;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tags")
@Tag(name = "Tags", description = "Tags as entities: description, image, meta fields; rename, merge and delete reach every post")
@SecurityRequirement(name = "bearer")
public class TagResource extends TermResource {

    TagResource(Terms terms, Callers callers) {
        super(TermKind.TAG, terms, callers);
    }
}
