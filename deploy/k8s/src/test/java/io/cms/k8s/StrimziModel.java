package io.cms.k8s;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Strimzi resources read strictly into Strimzi's own API model (io.strimzi:api, the classes its CRDs
 * are generated from): unknown fields, unknown enum values (listener types, node roles, storage
 * types), scalars of the wrong type and missing required fields are errors. The model keeps unknown
 * fields aside by default, for forward compatibility; here that is switched off.
 */
final class StrimziModel {

    private static final Map<String, Class<?>> KINDS = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private StrimziModel() {
    }

    static boolean supports(String type) {
        return KINDS.containsKey(type);
    }

    static List<String> validate(String type, JsonNode o) {
        Object model;
        try {
            model = STRICT.treeToValue(o, KINDS.get(type));
        } catch (Exception e) {
            return List.of(e.getMessage().lines().findFirst().orElse("") + " at " + location(e));
        }
        List<String> errors = new ArrayList<>();
        missingRequired(model, "", errors, new IdentityHashMap<>());
        return errors;
    }

    private static String location(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            m.getPath().forEach(r -> path.append('/').append(r.getFieldName() != null ? r.getFieldName() : r.getIndex()));
            return path.toString();
        }
        return "?";
    }

    /** Walks the model and reports each property marked required that has no value, and unknown enum values in lists. */
    private static void missingRequired(Object bean, String path, List<String> errors, Map<Object, Boolean> seen) {
        if (bean == null || seen.put(bean, Boolean.TRUE) != null || !bean.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        JavaType type = STRICT.constructType(bean.getClass());
        for (BeanPropertyDefinition p : STRICT.getSerializationConfig().introspect(type).findProperties()) {
            if (p.getGetter() == null || Modifier.isStatic(p.getGetter().getModifiers())) {
                continue;
            }
            Object value = p.getGetter().getValue(bean);
            String at = path + "/" + p.getName();
            if (value == null && p.isRequired()) {
                errors.add(at + ": required by the " + bean.getClass().getSimpleName() + " schema");
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    if (item == null) {
                        // Strimzi's enums read an unknown value as null.
                        errors.add(at + "/" + i + ": not a value this field accepts");
                    }
                    missingRequired(item, at + "/" + i++, errors, seen);
                }
            } else if (value != null && !(value instanceof Map)) {
                missingRequired(value, at, errors, seen);
            }
        }
    }
}
