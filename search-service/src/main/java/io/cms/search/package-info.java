/** search-service: keeps a full-text index of published posts up to date from {@code cms.posts} (skeleton). */
package io.cms.search;
