package io.cms.post.studio;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.taxonomy.Term;
import io.cms.post.taxonomy.TermInput;
import io.cms.post.taxonomy.TermKind;
import io.cms.post.taxonomy.Terms;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tags and authors in the studio, for editors and above (who may change them through the API): the
 * list with each one's published posts, and a page per term to change its name and description,
 * image and meta fields, merge it into another, or delete it. Every change goes through
 * {@link Terms}, so it reaches every post that names the term, as the API's does.
 */
@Path("/studio/{kind: tags|authors}")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioTermsResource {

    /** Terms a page. */
    static final int PAGE = 100;

    /** A term as a line of the list. */
    @TemplateData
    public record Row(String id, String name, String slug, long published) {
    }

    /** What the edit form shows: the term's fields as text (empty for none). */
    @TemplateData
    public record Fields(String id, String name, String slug, long version, long published, String description, String image,
            String metaTitle, String metaDescription, String accentColor, String website, String location) {

        static Fields of(Term t, long published) {
            return new Fields(t.id.toString(), t.name, t.slug, t.version, published, text(t.description), text(t.image),
                    text(t.metaTitle), text(t.metaDescription), text(t.accentColor), text(t.website), text(t.location));
        }

        private static String text(String s) {
            return s == null ? "" : s;
        }
    }

    private final Template list;
    private final Template edit;
    private final StudioPages pages;
    private final Terms terms;
    private final Validator validator;

    StudioTermsResource(@Location("studio/terms.html") Template list, @Location("studio/term.html") Template edit,
            StudioPages pages, Terms terms, Validator validator) {
        this.list = list;
        this.edit = edit;
        this.pages = pages;
        this.terms = terms;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "Tags or authors (editors and above), 100 a page, with their published posts")
    public Response list(@PathParam("kind") String kind, @QueryParam("page") String page, @QueryParam("note") String note) {
        Caller caller = editor(pages.caller());
        TermKind k = kind(kind);
        int p = StudioPages.pageNumber(page, PAGE);
        List<Row> rows = terms.list(k, caller, p, PAGE).stream()
                .map(c -> new Row(c.term().id.toString(), c.term().name, c.term().slug, c.published())).toList();
        long total = terms.count(k);
        String shown = "merged".equals(note) ? pages.messages().termMerged() : "deleted".equals(note) ? pages.messages().termDeleted()
                : null;
        return pages.page(Response.ok(), list.instance().data("kind", kind).data("terms", rows).data("note", shown)
                .data("page", p).data("hasPrevious", p > 1).data("hasNext", (long) p * PAGE < total).data("previousPage", p - 1)
                .data("nextPage", p + 1), caller);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One tag or author's page: its fields, merge, delete (editors and above)")
    public Response page(@PathParam("kind") String kind, @PathParam("id") String id, @QueryParam("note") String note) {
        Caller caller = editor(pages.caller());
        Terms.Counted c = terms.get(kind(kind), caller, id);
        return show(Response.ok(), caller, kind, Fields.of(c.term(), c.published()), "saved".equals(note) ? pages.messages().saved() : null,
                List.of());
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change a tag or author (form fields csrf, version, name, description, image, metaTitle, metaDescription;"
            + " accentColor for tags, website and location for authors); a new name reaches every post that names it")
    public Response save(@PathParam("kind") String kind, @PathParam("id") String id, @FormParam("csrf") String csrf,
            @FormParam("version") long version, @FormParam("name") String name, @FormParam("description") String description,
            @FormParam("image") String image, @FormParam("metaTitle") String metaTitle,
            @FormParam("metaDescription") String metaDescription, @FormParam("accentColor") String accentColor,
            @FormParam("website") String website, @FormParam("location") String location) {
        Caller caller = editor(pages.form(csrf));
        TermKind k = kind(kind);
        boolean tag = k == TermKind.TAG;
        TermInput input = new TermInput(name, text(description), text(image), null, tag ? null : text(website),
                tag ? null : text(location), null, null, tag ? text(accentColor) : null, text(metaTitle), text(metaDescription), null);
        try {
            List<String> invalid = validator.validate(input).stream()
                    .map((ConstraintViolation<TermInput> v) -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
            if (!invalid.isEmpty()) {
                return refused(Response.status(400), caller, kind, id, input, version, invalid);
            }
            Term t = terms.update(k, caller, id, input, version);
            return Response.seeOther(URI.create("/studio/" + kind + "/" + t.id + "?note=saved")).build();
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.FORBIDDEN || e.kind() == ProblemException.Kind.NOT_FOUND) {
                throw e;
            }
            List<String> why = e.kind() == ProblemException.Kind.PRECONDITION_FAILED ? List.of(pages.messages().changedMeanwhile())
                    : StudioPages.describe(e);
            return refused(Response.status(e.status()), caller, kind, id, input, version, why);
        }
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Merge into another tag or author (form fields csrf, into: its slug or name): every post moves to it")
    public Response merge(@PathParam("kind") String kind, @PathParam("id") String id, @FormParam("csrf") String csrf,
            @FormParam("into") String into) {
        Caller caller = editor(pages.form(csrf));
        TermKind k = kind(kind);
        String target = into == null ? "" : into.strip();
        try {
            terms.merge(k, caller, id, target.isEmpty() ? "" : k.slug(target)); // a name or a slug: its slug either way
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.FORBIDDEN) {
                throw e;
            }
            Terms.Counted c = terms.get(k, caller, id);
            return show(Response.status(e.status()), caller, kind, Fields.of(c.term(), c.published()), null, StudioPages.describe(e));
        }
        return Response.seeOther(URI.create("/studio/" + kind + "?note=merged")).build();
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Delete a tag or author (form field csrf): taken off every post that names it")
    public Response delete(@PathParam("kind") String kind, @PathParam("id") String id, @FormParam("csrf") String csrf) {
        Caller caller = editor(pages.form(csrf));
        TermKind k = kind(kind);
        try {
            terms.delete(k, caller, id, null);
        } catch (ProblemException e) {
            if (e.kind() != ProblemException.Kind.CONFLICT) {
                throw e;
            }
            Terms.Counted c = terms.get(k, caller, id);
            return show(Response.status(e.status()), caller, kind, Fields.of(c.term(), c.published()), null, StudioPages.describe(e));
        }
        return Response.seeOther(URI.create("/studio/" + kind + "?note=deleted")).build();
    }

    /** The form again with what was typed, and why it was refused. */
    private Response refused(Response.ResponseBuilder r, Caller caller, String kind, String id, TermInput typed, long version,
            List<String> errors) {
        Terms.Counted c = terms.get(kind(kind), caller, id);
        Term t = c.term();
        Fields fields = new Fields(t.id.toString(), typed.name() == null ? t.name : typed.name(), t.slug, version, c.published(),
                orEmpty(typed.description()), orEmpty(typed.image()), orEmpty(typed.metaTitle()), orEmpty(typed.metaDescription()),
                orEmpty(typed.accentColor()), orEmpty(typed.website()), orEmpty(typed.location()));
        return show(r, caller, kind, fields, null, errors);
    }

    private Response show(Response.ResponseBuilder r, Caller caller, String kind, Fields term, String note, List<String> errors) {
        return pages.page(r, edit.instance().data("kind", kind).data("term", term).data("note", note).data("errors", errors)
                .data("csrf", pages.csrf(caller)), caller);
    }

    private static Caller editor(Caller caller) {
        if (!caller.role().atLeast(Role.EDITOR)) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, caller.describe() + " may not change tags and authors");
        }
        return caller;
    }

    private static TermKind kind(String path) {
        return Map.of("tags", TermKind.TAG, "authors", TermKind.AUTHOR).get(path);
    }

    /** A form field as the API takes it: empty clears, absent (a field the form has not) stays. */
    private static String text(String field) {
        return field == null ? null : field.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
