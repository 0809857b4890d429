package dev.tailor.finetune.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The generator used when no chat model is configured: deterministic, built from the document structure. Per
 * chunk, the heading (a leading Markdown heading line, else the first sentence, cut at 80 characters) becomes the
 * question "What does &lt;title&gt; say about &lt;heading&gt;?" and the chunk's text (without the heading line) the
 * answer. Poor prose, but it teaches the model which document says what, and it costs nothing.
 */
public final class StructureQaGenerator implements QaGenerator {

    static final int MAX_HEADING = 80;

    @Override
    public List<QaPair> generate(List<SnapshotChunk> chunks) {
        List<QaPair> pairs = new ArrayList<>();
        for (SnapshotChunk chunk : chunks) {
            String text = chunk.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            String firstLine = text.lines().findFirst().orElse("").strip();
            String heading;
            String answer;
            if (firstLine.startsWith("#")) {
                heading = firstLine.replaceFirst("^#+\\s*", "");
                answer = text.substring(text.indexOf(firstLine) + firstLine.length()).strip();
                if (answer.isEmpty()) {
                    continue;
                }
            } else {
                int end = text.indexOf(". ");
                heading = end > 0 ? text.substring(0, end) : firstLine;
                answer = text;
            }
            if (heading.length() > MAX_HEADING) {
                heading = heading.substring(0, MAX_HEADING).strip() + "…";
            }
            String title = chunk.title().isBlank() ? chunk.docId() : chunk.title();
            String question = heading.isBlank() || heading.equals(title)
                    ? "What does " + title + " say?"
                    : "What does " + title + " say about " + heading + "?";
            pairs.add(new QaPair(question, answer, chunk.docId()));
        }
        return pairs;
    }

    @Override
    public String describe() {
        return "structure (heading -> question, section text -> answer)";
    }
}
