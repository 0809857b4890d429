package dev.tailor.finetune.rest;

import java.util.List;

/** An error body: what went wrong, in words, and details when there are several reasons. */
public record Problem(String message, List<String> reasons, Object job) {
}
