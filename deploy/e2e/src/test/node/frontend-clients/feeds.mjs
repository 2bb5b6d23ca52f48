// Reads feeds with an independent parser (@extractus/feed-extractor: Atom, RSS and JSON Feed) and
// prints what it found as JSON: {url: {title, entries: [{id, link, title, published}]}}. The URLs
// come from the environment (FEEDS, comma-separated). Exits 1 when one cannot be read.
import { extract } from "@extractus/feed-extractor";

const out = {};
for (const url of process.env.FEEDS.split(",")) {
  try {
    const feed = await extract(url, { descriptionMaxLen: 0 });
    out[url] = {
      title: feed.title,
      entries: (feed.entries ?? []).map((e) => ({ id: e.id, link: e.link, title: e.title, published: e.published })),
    };
  } catch (e) {
    console.error(`FAILED to read ${url}: ${e.message}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(out));
