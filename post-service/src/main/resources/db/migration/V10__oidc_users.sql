-- Staff who sign in through an OpenID Connect provider: known by the provider's issuer and subject,
-- and with no password here (a null hash matches no password).
ALTER TABLE cms_user ADD COLUMN oidc_subject text UNIQUE;
ALTER TABLE cms_user ALTER COLUMN password_hash DROP NOT NULL;
