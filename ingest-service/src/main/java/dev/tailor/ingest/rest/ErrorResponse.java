package dev.tailor.ingest.rest;

/** Body of every 4xx/5xx answer of the API. */
public record ErrorResponse(String error) {
}
