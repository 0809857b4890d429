package dev.tailor.contracts;

import java.util.List;
import java.util.Map;

/**
 * {@code data} of a {@value DocumentEventTypes#UPSERTED} event.
 *
 * @param allowedRoles who may read the document; required and non-empty (access is fail-closed)
 * @param contentType  {@code text/markdown} or {@code text/plain}
 */
public record DocumentUpserted(
        String docId,
        Long version,
        String title,
        String content,
        String contentType,
        List<String> allowedRoles,
        String source,
        String uri,
        Map<String, String> metadata) {
}
