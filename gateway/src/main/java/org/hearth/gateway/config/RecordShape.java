package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a config record looks like from YAML: its keys (as Jackson names them) and their types. */
final class RecordShape {

    private RecordShape() {}

    /** The YAML keys of a record, in declaration order, with their types. */
    static Map<String, Type> keys(Class<?> record) {
        Map<String, Type> keys = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty property = c.getAnnotation(JsonProperty.class);
            if (property == null && c.getAccessor() != null) {
                property = c.getAccessor().getAnnotation(JsonProperty.class);
            }
            String name = property != null && !property.value().isEmpty() ? property.value() : c.getName();
            keys.put(name, c.getGenericType());
        }
        return keys;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
