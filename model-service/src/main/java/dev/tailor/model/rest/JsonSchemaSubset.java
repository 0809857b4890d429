package dev.tailor.model.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The part of JSON Schema this service turns into a grammar: types, properties, required, items, enum, const,
 * additionalProperties false, array and string lengths, anyOf, and descriptions. llama.cpp's converter aborts the
 * whole process on a schema it cannot resolve (an unknown {@code $ref}, a bad pattern), so anything outside this
 * subset is refused here, before it reaches native code.
 */
final class JsonSchemaSubset {

    static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "default", "examples");
    static final int MAX_DEPTH = 16;

    private JsonSchemaSubset() {
    }

    /** @throws InvalidRequestException naming the first part of the schema this service cannot honour */
    static void check(JsonNode schema, String param) {
        check(schema, param, 0);
    }

    private static void check(JsonNode schema, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw refuse(path, "the schema is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (!schema.isObject()) {
            throw refuse(path, "every schema must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + key;
            switch (key) {
                case "type" -> checkType(value, at);
                case "properties" -> {
                    if (!value.isObject()) {
                        throw refuse(at, "properties must be an object");
                    }
                    value.fields().forEachRemaining(p -> check(p.getValue(), at + "." + p.getKey(), depth + 1));
                }
                case "items" -> check(value, at, depth + 1);
                case "anyOf" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw refuse(at, "anyOf must be a non-empty array");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), at + "[" + i + "]", depth + 1);
                    }
                }
                case "required" -> requireStrings(value, at);
                case "enum" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw refuse(at, "enum must be a non-empty array");
                    }
                }
                case "const" -> { }
                case "additionalProperties" -> {
                    if (!value.isBoolean() || value.asBoolean()) {
                        throw refuse(at, "only additionalProperties: false is supported");
                    }
                }
                case "minItems", "maxItems", "minLength", "maxLength" -> {
                    if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 10_000) {
                        throw refuse(at, key + " must be an integer from 0 to 10000");
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(key)) {
                        throw refuse(at, "the keyword '" + key + "' is not supported (supported: type, properties, "
                                + "required, items, enum, const, anyOf, additionalProperties: false, min/maxItems, "
                                + "min/maxLength)");
                    }
                }
            }
        }
    }

    private static void checkType(JsonNode type, String at) {
        if (type.isTextual() && TYPES.contains(type.asText())) {
            return;
        }
        if (type.isArray() && !type.isEmpty()) {
            for (JsonNode t : type) {
                if (!t.isTextual() || !TYPES.contains(t.asText())) {
                    throw refuse(at, "unknown type " + t);
                }
            }
            return;
        }
        throw refuse(at, "unknown type " + type);
    }

    private static void requireStrings(JsonNode value, String at) {
        if (!value.isArray()) {
            throw refuse(at, "required must be an array of property names");
        }
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw refuse(at, "required must be an array of property names");
            }
        }
    }

    private static InvalidRequestException refuse(String at, String why) {
        return new InvalidRequestException(at, "response_format: " + why);
    }
}
