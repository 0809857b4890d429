package dev.tailor.query.rest.dto;

import java.util.List;

public record SearchResponse(List<SearchResult> results) {
}
