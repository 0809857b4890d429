package dev.tailor.ingest.chunking;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentBySentenceSplitter;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a Markdown (or plain text) document along its structure: sections by heading, then paragraphs (blank
 * lines), packing consecutive paragraphs of a section into one chunk up to the token limit. A paragraph too long
 * for one chunk is split by sentences (langchain4j), with overlap between its pieces.
 *
 * <p>Each chunk's text is its heading path ("Guide › Install") followed by its paragraphs. Chunks never span
 * sections and never overlap across paragraphs, so an edit changes only the chunks holding the edited paragraph,
 * and a paragraph moved inside its section keeps its text, hence its vector.
 *
 * <p>The work is bounded: more chunks than {@code maxChunks}, or a chunk text over {@code maxChunkBytes} (a run of
 * text without spaces, a huge heading that every chunk of its section would repeat), stops chunking with a
 * {@link ChunkLimitException} before the chunks are built.
 */
public final class StructuredChunker {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
    static final String PATH_SEPARATOR = " › ";
    static final String MAX_CHUNKS_KEY = "tailor.ingest.limits.chunks-per-document";
    static final String MAX_CHUNK_BYTES_KEY = "tailor.ingest.limits.chunk-bytes";

    private final int maxTokens;
    private final int overlapTokens;
    private final int maxChunks;
    private final int maxChunkBytes;
    private final Map<Integer, DocumentBySentenceSplitter> splitters = new ConcurrentHashMap<>();

    /** Without limits on the number and size of chunks (tests of the cutting itself). */
    public StructuredChunker(int maxTokens, int overlapTokens) {
        this(maxTokens, overlapTokens, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public StructuredChunker(int maxTokens, int overlapTokens, int maxChunks, int maxChunkBytes) {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("chunk token limit must be at least 16: " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and half the token limit: " + overlapTokens);
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.maxChunks = maxChunks;
        this.maxChunkBytes = maxChunkBytes;
    }

    /** The chunks of {@code content}, titled {@code title} (the root of every heading path). */
    public List<Chunk> chunk(String title, String content) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : sections(title, content, maxChunks, maxChunkBytes)) {
            String prefix = section.path().isEmpty() ? "" : section.path() + "\n\n";
            int budget = Math.max(maxTokens / 2, maxTokens - TokenEstimate.of(prefix));
            List<String> pack = new ArrayList<>();
            int packTokens = 0;
            for (String paragraph : section.paragraphs()) {
                int tokens = TokenEstimate.of(paragraph);
                if (!pack.isEmpty() && packTokens + tokens > budget) {
                    add(chunks, prefix, pack);
                    pack.clear();
                    packTokens = 0;
                }
                if (tokens > budget) {
                    for (String piece : splitLong(paragraph, budget)) {
                        add(chunks, prefix, List.of(piece));
                    }
                } else {
                    pack.add(paragraph);
                    packTokens += tokens;
                }
            }
            if (!pack.isEmpty()) {
                add(chunks, prefix, pack);
            }
        }
        return chunks;
    }

    private List<String> splitLong(String paragraph, int budget) {
        // one splitter per budget: building one loads the sentence model
        DocumentBySentenceSplitter splitter = splitters.computeIfAbsent(budget,
                b -> new DocumentBySentenceSplitter(b, Math.min(overlapTokens, b / 3), TokenEstimate.INSTANCE));
        return splitter.split(Document.from(paragraph)).stream().map(TextSegment::text).toList();
    }

    private void add(List<Chunk> chunks, String prefix, List<String> paragraphs) {
        if (chunks.size() == maxChunks) {
            throw new ChunkLimitException("more chunks than the limit of " + maxChunks + " (" + MAX_CHUNKS_KEY + ")",
                    MAX_CHUNKS_KEY);
        }
        String text = prefix + String.join("\n\n", paragraphs);
        int bytes = Utf8.length(text);
        if (bytes > maxChunkBytes) {
            throw new ChunkLimitException("chunk " + chunks.size() + " is " + bytes + " bytes, over the limit of "
                    + maxChunkBytes + " (" + MAX_CHUNK_BYTES_KEY + "): a run of text without spaces or a heading that "
                    + "long", MAX_CHUNK_BYTES_KEY);
        }
        chunks.add(new Chunk(chunks.size(), text, ContentHash.of(text), TokenEstimate.of(text)));
    }

    record Section(String path, List<String> paragraphs) {
    }

    static List<Section> sections(String title, String content) {
        return sections(title, content, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Sections in document order; text before the first heading belongs to the title's section. Every section makes
     * at least one chunk and every chunk of a section starts with its path, so both are checked here, before a
     * document of many sections under a huge heading has its path copied into each of them.
     */
    static List<Section> sections(String title, String content, int maxChunks, int maxChunkBytes) {
        List<Section> sections = new ArrayList<>();
        String[] headings = new String[7];
        String root = title == null ? "" : title.strip();
        String path = root;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        boolean inFence = false;
        for (String line : content.replace("\r\n", "\n").split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                paragraph.append(line).append('\n');
                continue;
            }
            Matcher heading = inFence ? null : HEADING.matcher(line);
            if (heading != null && heading.matches()) {
                flush(paragraph, paragraphs);
                if (!paragraphs.isEmpty()) {
                    addSection(sections, new Section(path, List.copyOf(paragraphs)), maxChunks);
                    paragraphs.clear();
                }
                int level = heading.group(1).length();
                headings[level] = heading.group(2);
                for (int deeper = level + 1; deeper < headings.length; deeper++) {
                    headings[deeper] = null;
                }
                path = path(root, headings);
                int bytes = Utf8.length(path);
                if (bytes > maxChunkBytes) {
                    throw new ChunkLimitException("the heading path '" + path.substring(0, Math.min(80, path.length()))
                            + "…' is " + bytes + " bytes, over the limit of " + maxChunkBytes + " for a chunk ("
                            + MAX_CHUNK_BYTES_KEY + ")", MAX_CHUNK_BYTES_KEY);
                }
            } else if (!inFence && line.isBlank()) {
                flush(paragraph, paragraphs);
            } else {
                paragraph.append(line).append('\n');
            }
        }
        flush(paragraph, paragraphs);
        if (!paragraphs.isEmpty()) {
            addSection(sections, new Section(path, List.copyOf(paragraphs)), maxChunks);
        }
        return sections;
    }

    private static void addSection(List<Section> sections, Section section, int maxChunks) {
        if (sections.size() == maxChunks) {
            throw new ChunkLimitException("more sections (each at least one chunk) than the limit of " + maxChunks
                    + " (" + MAX_CHUNKS_KEY + ")", MAX_CHUNKS_KEY);
        }
        sections.add(section);
    }

    private static String path(String root, String[] headings) {
        StringBuilder path = new StringBuilder(root);
        for (String h : headings) {
            if (h != null && !h.isBlank() && !h.equals(root)) {
                if (!path.isEmpty()) {
                    path.append(PATH_SEPARATOR);
                }
                path.append(h);
            }
        }
        return path.toString();
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        String text = paragraph.toString().strip();
        if (!text.isEmpty()) {
            paragraphs.add(text);
        }
        paragraph.setLength(0);
    }
}
