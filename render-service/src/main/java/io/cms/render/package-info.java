/** render-service: keeps sanitized HTML of published posts up to date from {@code cms.posts} (skeleton). */
package io.cms.render;
