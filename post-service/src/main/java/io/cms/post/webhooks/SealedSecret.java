package io.cms.post.webhooks;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a subscription's signing secrets sealed by {@link SecretBox}; the entity sees them in clear. */
@Converter
public class SealedSecret implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String secret) {
        return SecretBox.instance().seal(secret);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return SecretBox.instance().open(stored);
    }
}
