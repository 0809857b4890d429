package dev.tailor.model.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.function.Function;

/** OpenAI's list shape, with cursor paging ({@code after} = the last id seen). */
public record ListPage<T>(String object, List<T> data, @JsonProperty("has_more") boolean hasMore) {

    public static <T> ListPage<T> of(List<T> all) {
        return new ListPage<>("list", all, false);
    }

    /** The items after the one with id {@code after} (all when absent), at most {@code limit}. */
    public static <T> ListPage<T> page(List<T> all, Function<T, String> id, String after, int limit) {
        int from = 0;
        if (after != null && !after.isBlank()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (id.apply(all.get(i)).equals(after)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw new InvalidRequestException("after", "no item with id '" + after + "'");
            }
        }
        if (limit < 1 || limit > 100) {
            throw new InvalidRequestException("limit", "limit must be between 1 and 100");
        }
        int to = Math.min(all.size(), from + limit);
        return new ListPage<>("list", List.copyOf(all.subList(from, to)), to < all.size());
    }
}
