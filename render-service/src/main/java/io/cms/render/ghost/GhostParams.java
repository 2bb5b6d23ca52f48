package io.cms.render.ghost;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

/** The parameters every Content API request may carry (each read or browse takes those it has a use for). */
public class GhostParams {

    @QueryParam("key")
    public String key;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    public String authorization;

    @QueryParam("filter")
    public String filter;

    @QueryParam("order")
    public String order;

    @QueryParam("limit")
    public String limit;

    @QueryParam("page")
    public String page;

    @QueryParam("include")
    public String include;

    @QueryParam("fields")
    public String fields;

    @QueryParam("formats")
    public String formats;
}
