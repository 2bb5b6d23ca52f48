package io.cms.post.rest;

import io.cms.common.auth.Callers;
import io.cms.post.taxonomy.TermKind;
import io.cms.post.taxonomy.Terms;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/authors")
@Tag(name = "Authors", description = "Authors as entities, linked to a staff account where one is theirs")
@SecurityRequirement(name = "bearer")
public class AuthorResource extends TermResource {

    AuthorResource(Terms terms, Callers callers) {
        super(TermKind.AUTHOR, terms, callers);
    }
}
