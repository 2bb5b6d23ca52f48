// Runs Ghost's Content API client (@tryghost/content-api) and a schema-checked one
// (@ts-ghost/content-api: its Zod schemas refuse any drift from Ghost's shape) against the CMS.
// Arguments come from the environment: GHOST_URL, GHOST_KEY, TAG (the test's posts), SLUG (a
// Japanese post's slug), PAGE_SLUG, AUTHOR (an author's slug). Prints one line per check; exits 1
// on the first failure.
import GhostContentAPI from "@tryghost/content-api";
import { TSGhostContentAPI } from "@ts-ghost/content-api";

const { GHOST_URL: url, GHOST_KEY: key, TAG: tag, SLUG: slug, PAGE_SLUG: pageSlug, AUTHOR: author } = process.env;
let checks = 0;

function check(what, condition, detail) {
  if (!condition) {
    console.error(`FAILED: ${what}\n${typeof detail === "string" ? detail : JSON.stringify(detail, null, 2)}`);
    process.exit(1);
  }
  checks++;
  console.log(`ok ${what}`);
}

function parsed(what, result) {
  check(`${what} parses with @ts-ghost's schemas`, result.success, result.errors ?? result);
  return result;
}

// Ghost's own client, as frontends use it.
const ghost = new GhostContentAPI({ url, key, version: "v5.0" });
const browsed = await ghost.posts.browse({ filter: `tag:${tag}`, include: "tags,authors", limit: 2, order: "published_at asc" });
check("browse returns the page asked for", browsed.length === 2 && browsed.meta.pagination.total === 3
  && browsed.meta.pagination.pages === 2 && browsed.meta.pagination.next === 2, { length: browsed.length, meta: browsed.meta });
check("posts carry tags and authors", browsed[0].tags.some((t) => t.slug === tag) && browsed[0].primary_author?.slug === author,
  browsed[0]);
const second = await ghost.posts.browse({ filter: `tag:${tag}`, limit: 2, page: 2, order: "published_at asc" });
check("page 2 holds the rest", second.length === 1 && second.meta.pagination.prev === 1, second.meta);
const byId = await ghost.posts.read({ id: browsed[0].id }, { formats: "html,plaintext" });
check("read by id with html and plaintext", byId.id === browsed[0].id && byId.html.length > 0 && byId.plaintext.length > 0, byId);
const bySlug = await ghost.posts.read({ slug });
check("read by a Japanese slug; its url percent-encoded", bySlug.slug === slug
  && bySlug.url.endsWith(`/${encodeURIComponent(slug)}/`), bySlug);
const page = await ghost.pages.read({ slug: pageSlug });
check("a page is read as a page", page.slug === pageSlug, page);
const tags = await ghost.tags.browse({ filter: `slug:${tag}`, include: "count.posts" });
check("tags with count.posts", tags.length === 1 && tags[0].count.posts === 3, tags);
const authors = await ghost.authors.browse({ filter: `slug:${author}`, include: "count.posts" });
check("authors with count.posts", authors.length === 1 && authors[0].count.posts >= 2, authors);
check("a tag's own fields (its entity's)", tags[0].description === process.env.TAG_DESCRIPTION
  && tags[0].accent_color === "#ff6600" && tags[0].feature_image === "https://example.com/tag.png", tags);
check("an author's own fields (its entity's)", authors[0].bio === process.env.AUTHOR_BIO
  && authors[0].website === "https://example.com/client" && authors[0].location === "東京", authors);
const settings = await ghost.settings.browse();
check("settings", typeof settings.title === "string" && typeof settings.url === "string", settings);
try {
  await ghost.posts.browse({ filter: "tag:(" });
  check("a bad filter is refused", false, "no error");
} catch (e) {
  check("a bad filter is Ghost's BadRequestError", e.name === "BadRequestError" && e.response?.status === 400, e.message);
}
try {
  await new GhostContentAPI({ url, key: "0123456789abcdef0123456789", version: "v5.0" }).posts.browse();
  check("a wrong key is refused", false, "no error");
} catch (e) {
  check("a wrong key is Ghost's UnauthorizedError", e.name === "UnauthorizedError" && e.response?.status === 401, e.message);
}

// The schema-checked client: every response must parse.
const ts = new TSGhostContentAPI(url, key, "v5.0");
const tsBrowse = parsed("posts browse with tags and authors", await ts.posts.browse({ filter: `tags.slug:${tag}`, limit: 2,
  order: "published_at ASC" }).include({ tags: true, authors: true }).fetch());
check("its page and total", tsBrowse.data.length === 2 && tsBrowse.meta.pagination.total === 3, tsBrowse.meta);
parsed("posts browse with plaintext", await ts.posts.browse({ filter: `tags.slug:${tag}` }).formats({ html: true, plaintext: true })
  .fetch());
parsed("post read by slug", await ts.posts.read({ slug }).fetch());
parsed("post read by id", await ts.posts.read({ id: browsed[0].id }).fetch());
parsed("pages browse", await ts.pages.browse({ limit: "all" }).fetch());
parsed("page read", await ts.pages.read({ slug: pageSlug }).fetch());
parsed("tags browse with counts", await ts.tags.browse({ order: "count.posts DESC", limit: 3 }).include({ "count.posts": true })
  .fetch());
parsed("tag read", await ts.tags.read({ slug: tag }).fetch());
parsed("authors browse with counts", await ts.authors.browse({ limit: "all" }).include({ "count.posts": true }).fetch());
parsed("author read", await ts.authors.read({ slug: author }).fetch());
parsed("settings", await ts.settings.fetch());
const fields = parsed("posts with chosen fields", await ts.posts.browse({ filter: `tags.slug:${tag}` }).fields({ id: true, title: true,
  url: true }).fetch());
check("only the chosen fields", Object.keys(fields.data[0]).sort().join() === "id,title,url", fields.data[0]);

console.log(`all ${checks} checks passed`);
