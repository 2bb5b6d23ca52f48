package io.cms.post.studio;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The studio's words, in English here and in Japanese in messages/msg_ja.properties. */
@MessageBundle("msg")
public interface StudioMessages {

    @Message("CMS studio")
    String studio();

    @Message("Sign in")
    String signIn();

    @Message("Sign out")
    String signOut();

    @Message("Email")
    String email();

    @Message("Password")
    String password();

    @Message("The email address or the password is not right.")
    String wrongCredentials();

    @Message("Too many attempts. Try again in {seconds} seconds.")
    String tooMany(long seconds);

    @Message("Posts")
    String posts();

    @Message("New post")
    String newPost();

    @Message("Title")
    String title();

    @Message("Status")
    String status();

    @Message("Author")
    String author();

    @Message("Tags")
    String tags();

    @Message("Updated")
    String updated();

    @Message("All")
    String all();

    @Message("Draft")
    String draft();

    @Message("Scheduled")
    String scheduled();

    @Message("Published")
    String published();

    @Message("Filter")
    String filter();

    @Message("No posts here yet.")
    String noPosts();

    @Message("{count} posts")
    String count(long count);

    @Message("Signed in as {name} ({role})")
    String signedInAs(String name, String role);

    @Message("Language")
    String language();

    @Message("Slug")
    String slug();

    @Message("Excerpt")
    String excerpt();

    @Message("Markdown")
    String markdown();

    @Message("Save draft")
    String saveDraft();

    @Message("Publish")
    String publish();

    @Message("Unpublish")
    String unpublish();

    @Message("Saved.")
    String saved();

    @Message("Someone else saved this post meanwhile. Your text is still below and nothing was overwritten: copy what you need, then reload to see their version.")
    String conflict();

    @Message("Edit")
    String edit();

    @Message("Version {version}")
    String version(long version);

    @Message("Schedule")
    String schedule();

    @Message("Publish at")
    String publishAt();

    @Message("Time zone: {zone}")
    String zone(String zone);

    @Message("Preview")
    String preview();

    @Message("The preview follows your text as you type.")
    String previewHint();

    @Message("Checks")
    String checks();

    @Message("No problems found.")
    String noChecks();

    @Message("Reading time: {minutes} min · {words} words · {cjk} CJK characters")
    String readingTime(int minutes, int words, int cjk);

    @Message("{#when type}{#is 'duplicate-paragraph'}Repeated paragraph{#is 'near-duplicate-paragraph'}Nearly repeated paragraph"
            + "{#is 'liquid-unresolved'}Liquid output with no value{#is 'liquid-unsupported'}Unsupported Liquid tag"
            + "{#is 'liquid-more'}More Liquid removed{#is 'render-failed'}Not renderable{#else}Check{/when}")
    String checkKind(String type);

    @Message("line {line}")
    String line(int line);

    @Message("The preview is not available: {reason}")
    String previewUnavailable(String reason);

    @Message("Show preview")
    String showPreview();

    @Message("Preview link")
    String previewLink();

    @Message("Preview link (valid for 7 days):")
    String previewLinkMade();

    @Message("Copy")
    String copy();

    @Message("Restored unsaved changes kept in this browser.")
    String restored();

    @Message("Discard")
    String discard();

    @Message("Copied:")
    String copied();

    @Message("Revisions")
    String revisions();

    @Message("Revisions of {title}")
    String revisionsOf(String title);

    @Message("Back to the editor")
    String backToEditor();

    @Message("Version")
    String versionColumn();

    @Message("Change")
    String change();

    @Message("Changed fields")
    String changedFields();

    @Message("By")
    String by();

    @Message("When ({zone})")
    String when(String zone);

    @Message("From")
    String compareFrom();

    @Message("To")
    String compareTo();

    @Message("current")
    String current();

    @Message("{#when change}{#is 'created'}Created{#is 'updated'}Updated{#is 'published'}Published{#is 'unpublished'}Unpublished{#else}{change}{/when}")
    String changeKind(String change);

    @Message("Restore")
    String restore();

    @Message("Compare")
    String compare();

    @Message("Version {from} → version {to}")
    String comparing(long from, long to);

    @Message("These two versions do not differ.")
    String noDifferences();

    @Message("Field")
    String field();

    @Message("Changes to the Markdown")
    String markdownChanges();

    @Message("… {count} unchanged lines")
    String unchangedLines(int count);

    @Message("Version {version}'s content was restored as a new version.")
    String restoredFrom(long version);

    @Message("Version {version}'s content is what the post holds now: nothing changed.")
    String sameAsRestored(long version);

    @Message("Import")
    String importPage();

    @Message("Markdown files (.md) with Jekyll front matter, or .zip archives of a _posts folder; up to {mb} MB a post. A post whose slug exists is updated.")
    String importHint(long mb);

    @Message("Files")
    String files();

    @Message("Import files")
    String importButton();

    @Message("Uploading")
    String uploading();

    @Message("Report")
    String report();

    @Message("{created} created, {updated} updated, {unchanged} unchanged, {failed} failed")
    String importCounts(int created, int updated, int unchanged, int failed);

    @Message("File")
    String file();

    @Message("Outcome")
    String outcome();

    @Message("Post")
    String post();

    @Message("Problem")
    String problem();

    @Message("{#when outcome}{#is 'created'}Created{#is 'updated'}Updated{#is 'unchanged'}Unchanged{#is 'failed'}Failed{#else}{outcome}{/when}")
    String outcomeKind(String outcome);

    @Message("Sections")
    String sections();

    @Message("API keys")
    String keys();

    @Message("Content keys read published content (26 characters, as Ghost's Content API keys; they may go in a page's address as ?key=). Admin keys act as an admin: keep them on servers.")
    String keysHint();

    @Message("The key is revoked: every service refuses it within seconds.")
    String keyRevoked();

    @Message("Key \"{name}\" made. Copy it now: it is shown only this once.")
    String keyMade(String name);

    @Message("Key")
    String theKey();

    @Message("Name")
    String keyName();

    @Message("Kind")
    String keyKind();

    @Message("{#when kind}{#is 'content'}Content (reads published content){#is 'admin'}Admin (acts as an admin){#else}{kind}{/when}")
    String kindName(String kind);

    @Message("Create key")
    String createKey();

    @Message("Active keys")
    String activeKeys();

    @Message("No keys yet.")
    String noKeys();

    @Message("Created ({zone})")
    String createdAt(String zone);

    @Message("Last used")
    String lastUsed();

    @Message("never")
    String never();

    @Message("Revoke the key \"{name}\"? Whatever uses it stops working.")
    String confirmRevoke(String name);

    @Message("Revoke")
    String revoke();

    @Message("Users")
    String users();

    @Message("Done.")
    String done();

    @Message("Invitation for {email} made. Pass this link on: it works once.")
    String invitationMade(String email);

    @Message("Invitation link")
    String invitationLink();

    @Message("Name")
    String userName();

    @Message("Role")
    String role();

    @Message("Role of {name}")
    String roleOf(String name);

    @Message("{#when role}{#is 'owner'}Owner{#is 'admin'}Admin{#is 'editor'}Editor{#is 'author'}Author{#is 'contributor'}Contributor{#else}{role}{/when}")
    String roleName(String role);

    @Message("Change role")
    String changeRole();

    @Message("Remove {name}? Their posts stay, owned by no one.")
    String confirmDelete(String name);

    @Message("Remove")
    String remove();

    @Message("Pages")
    String pages();

    @Message("Previous page")
    String previousPage();

    @Message("Next page")
    String nextPage();

    @Message("{total} users in all")
    String usersInAll(long total);

    @Message("Invite someone")
    String invite();

    @Message("Valid for")
    String validFor();

    @Message("{count} days")
    String days(int count);

    @Message("Make invitation link")
    String sendInvitation();

    @Message("Pending invitations")
    String pendingInvitations();

    @Message("Expires ({zone})")
    String expires(String zone);

    @Message("Invitation")
    String invitation();

    @Message("{email} is invited to join as {role}.")
    String invitedAs(String email, String role);

    @Message("Your name")
    String yourName();

    @Message("Choose a password")
    String choosePassword();

    @Message("At least 12 characters; not a common password, nor your name or address.")
    String passwordRules();

    @Message("Create account")
    String createAccount();

    @Message("This invitation link is not valid any more (used, revoked or expired). Ask for a new one.")
    String invitationGone();

    @Message("Your account is ready. Sign in.")
    String accountReady();

    @Message("Your sign-in changed: sign in again.")
    String signInAgain();

    @Message("Profile")
    String profile();

    @Message("Site")
    String site();

    @Message("These settings come from the services' configuration: change the variable named beside each (in Kubernetes, the ConfigMap or Secret) and restart.")
    String siteHint();

    @Message("Setting")
    String setting();

    @Message("Value")
    String value();

    @Message("Set by")
    String setBy();

    @Message("not set")
    String notSet();

    @Message("Reads of published content")
    String settingReads();

    @Message("{#when reads}{#is 'key'}a content key on every read{#else}anyone{/when}")
    String readsValue(String reads);

    @Message("Sign-in with an OpenID Connect provider")
    String settingOidc();

    @Message("Passwords")
    String settingPasswords();

    @Message("{#if only}not accepted: the provider only{#else}accepted{/if}")
    String passwordsValue(boolean only);

    @Message("Session lifetime")
    String settingSessionLifetime();

    @Message("Longest preview link")
    String settingPreviewLifetime();

    @Message("Public address of the API and the studio")
    String settingPostUrl();

    @Message("Public address of rendered pages")
    String settingRenderUrl();

    @Message("Webhook retries (delay before each attempt)")
    String settingRetries();

    @Message("A failing webhook is switched off after")
    String settingDisableAfter();

    @Message("After a new secret, the old one still signs for")
    String settingSecretGrace();

    @Message("Save profile")
    String saveProfile();

    @Message("Change password")
    String changePassword();

    @Message("Current password")
    String currentPassword();

    @Message("New password")
    String newPassword();

    @Message("Make owner")
    String makeOwner();

    @Message("Hand ownership to {name}? You become an admin, and both of you sign in again.")
    String confirmOwnership(String name);

    @Message("Webhooks")
    String webhooks();

    @Message("Each subscription is sent the content events it asks for, signed with its secret (Standard Webhooks), retried for a day, and logged.")
    String webhooksHint();

    @Message("Subscribed {url}. Copy the signing secret now: it is shown only this once.")
    String webhookMade(String url);

    @Message("Signing secret")
    String signingSecret();

    @Message("No webhooks yet.")
    String noWebhooks();

    @Message("Events")
    String events();

    @Message("all")
    String allEvents();

    @Message("active")
    String active();

    @Message("disabled")
    String disabled();

    @Message("Remove the webhook to {url}? Its delivery log goes with it.")
    String confirmUnsubscribe(String url);

    @Message("Add a webhook")
    String addWebhook();

    @Message("none ticked: all")
    String noneMeansAll();

    @Message("Description")
    String description();

    @Message("Subscribe")
    String subscribe();

    @Message("Replay events since ({zone})")
    String replaySince(String zone);

    @Message("Replay")
    String replay();

    @Message("{queued} events queued again (of {scanned} read back).")
    String replayed(int queued, long scanned);

    @Message("Sent again.")
    String redelivered();

    @Message("Recent deliveries ({total} in all)")
    String recentDeliveries(long total);

    @Message("No deliveries yet.")
    String noDeliveries();

    @Message("Event")
    String event();

    @Message("Response")
    String response();

    @Message("Response body")
    String responseBody();

    @Message("{#when status}{#is 'delivered'}Delivered{#is 'failed'}Failed{#is 'pending'}Pending{#else}{status}{/when}")
    String deliveryStatus(String status);

    @Message("{count} attempts")
    String attempts(int count);

    @Message("Redeliver")
    String redeliver();

    @Message("Settings")
    String webhookSettings();

    @Message("Tag (only posts with it; empty: any)")
    String webhookTag();

    @Message("Category (only posts in it; empty: any)")
    String webhookCategory();

    @Message("Active")
    String webhookActive();

    @Message("Save webhook")
    String saveWebhook();

    @Message("Send test message")
    String sendTest();

    @Message("Test message: {status}, {outcome}.")
    String testSent(String status, String outcome);

    @Message("Rotate secret")
    String rotateSecret();

    @Message("A new secret signs from now on; the old one keeps signing beside it for a while, so the receiver can switch without missing a message. Copy it now: it is not shown again.")
    String secretRotated();

    @Message("Make a new signing secret? The old one stays valid for the grace period.")
    String confirmRotate();

    @Message("Tag")
    String tag();

    @Message("Search")
    String search();

    @Message("Front matter")
    String frontMatterFields();

    @Message("Author name")
    String authorName();

    @Message("Categories")
    String categories();

    @Message("Language of the post")
    String postLanguage();

    @Message("Layout")
    String layout();

    @Message("Other front matter (YAML)")
    String otherFrontMatter();

    @Message("See what changed since your version (opens beside this page)")
    String seeTheirChanges();

    @Message("Sign in with your organisation's account")
    String signInWithProvider();

    @Message("Media")
    String media();

    @Message("JPEG, PNG, GIF or WebP, up to {mb} MB each. Put an image in a post by copying its Markdown; alt text describes it to readers who cannot see it.")
    String mediaHint(long mb);

    @Message("Images")
    String images();

    @Message("Upload")
    String uploadImages();

    @Message("Added to the library")
    String imageAdded();

    @Message("Already in the library (the same file)")
    String imageAlreadyThere();

    @Message("Alt text saved.")
    String altSaved();

    @Message("Image deleted.")
    String imageDeleted();

    @Message("No images yet.")
    String noMedia();

    @Message("Alt text")
    String altText();

    @Message("Save alt text")
    String saveAlt();

    @Message("Markdown")
    String markdownOf();

    @Message("Delete")
    String deleteImage();

    @Message("Delete {name}? Posts that show it will show nothing in its place.")
    String confirmDeleteImage(String name);

    @Message("{width} × {height} pixels, uploaded {at}")
    String imageFacts(int width, int height, String at);

    @Message("Uploaded")
    String uploaded();

    @Message("{#if kind == 'tags'}Tags{#else}Authors{/if}")
    String termsTitle(String kind);

    @Message("{#if kind == 'tags'}Every tag a post names, with its published posts. A tag's page changes its name and description everywhere, merges it into another or deletes it.{#else}Every author a post names, with their published posts. An author's page changes their name and bio everywhere, merges them into another or deletes them.{/if}")
    String termsHint(String kind);

    @Message("{#if kind == 'tags'}No tags yet.{#else}No authors yet.{/if}")
    String noTerms(String kind);

    @Message("Published posts")
    String publishedPosts();

    @Message("Authors")
    String authors();

    @Message("Slug {slug} · {count} published posts")
    String termFacts(String slug, long count);

    @Message("A new name is written into every post that names this one (each gets a new version).")
    String termRenameHint();

    @Message("Image address")
    String termImage();

    @Message("Accent colour")
    String accentColor();

    @Message("Website")
    String website();

    @Message("Location")
    String location();

    @Message("Meta title")
    String metaTitle();

    @Message("Meta description")
    String metaDescription();

    @Message("Save")
    String saveTerm();

    @Message("Merge")
    String mergeTerm();

    @Message("Merge into (name or slug)")
    String mergeInto();

    @Message("Merge {name} into the one named? Its posts move there and {name} is deleted.")
    String confirmMerge(String name);

    @Message("Delete")
    String deleteTerm();

    @Message("Deleting takes it off every post that names it.")
    String deleteTermHint();

    @Message("Delete {name}? It is taken off every post that names it.")
    String confirmDeleteTerm(String name);

    @Message("Merged.")
    String termMerged();

    @Message("Someone else changed this meanwhile: reload the page to see their change, then make yours again.")
    String changedMeanwhile();

    @Message("Deleted.")
    String termDeleted();

    @Message("The site")
    String siteIdentity();

    @Message("What the Content API, the feeds, the sitemap and webhook payloads say of the site. A field left as it is stays; an emptied field goes back to its configured value.")
    String siteIdentityHint();

    @Message("{#when name}{#is 'url'}Public address{#is 'title'}Title{#is 'description'}Description{#is 'lang'}Language (BCP 47, such as ja or en-US){#is 'timezone'}Time zone (such as Asia/Tokyo){#is 'permalink'}Permalink pattern (such as /:year/:month/:slug/){#else}{name}{/when}")
    String siteField(String name);

    @Message("Set here.")
    String setHere();

    @Message("From the configuration ({variable}).")
    String fromVariable(String variable);

    @Message("Save")
    String saveSite();

    @Message("Set by configuration")
    String siteConfigured();
}
