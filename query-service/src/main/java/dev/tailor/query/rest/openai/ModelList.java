package dev.tailor.query.rest.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** OpenAI's model list. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
