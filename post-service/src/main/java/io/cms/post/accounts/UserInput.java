package io.cms.post.accounts;

/**
 * A user as written by a client: every field optional on update (absent: unchanged).
 * {@code currentPassword} is asked of users who change their own password.
 */
public record UserInput(String email, String name, String role, String password, String currentPassword) {
}
