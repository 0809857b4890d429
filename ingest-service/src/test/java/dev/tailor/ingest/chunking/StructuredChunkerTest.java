package dev.tailor.ingest.chunking;

import dev.tailor.ingest.support.SampleDocuments;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredChunkerTest {

    private final StructuredChunker chunker = new StructuredChunker(200, 30);

    @Test
    void chunkTextIsTheHeadingPathFollowedByTheParagraphs() {
        List<Chunk> chunks = chunker.chunk("Handbook", """
                Intro line.

                # Setup
                ## Install
                Run the installer.

                Then reboot.
                ## Configure
                Edit the file.
                """);

        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "Handbook\n\nIntro line.",
                "Handbook › Setup › Install\n\nRun the installer.\n\nThen reboot.",
                "Handbook › Setup › Configure\n\nEdit the file.");
        assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1, 2);
        assertThat(chunks.get(0).hash()).isEqualTo(ContentHash.of("Handbook\n\nIntro line."));
    }

    @Test
    void packsParagraphsOfASectionUpToTheTokenLimitButNeverAcrossSections() {
        String small = SampleDocuments.paragraph("small", 30); // ~40 tokens
        String md = "# A\n\n" + small + "\n\n" + small + "\n\n" + small + "\n\n# B\n\n" + small;

        List<Chunk> chunks = chunker.chunk("", md);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).text()).startsWith("A\n\n").contains(small + "\n\n" + small + "\n\n" + small);
        assertThat(chunks.get(1).text()).isEqualTo("B\n\n" + small);
    }

    @Test
    void splitsAParagraphTooLongForOneChunkBySentencesWithinTheLimit() {
        String longParagraph = SampleDocuments.paragraph("long", 600);

        List<Chunk> chunks = chunker.chunk("T", longParagraph);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(200 + 10));
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).startsWith("T\n\n"));
    }

    @Test
    void editingOneParagraphOfAFiftyChunkDocumentChangesAtMostTwoChunkTexts() {
        var sections = SampleDocuments.paragraphs("edit", 10, 5);
        List<Chunk> before = chunker.chunk("Doc", SampleDocuments.markdown(sections));
        var edited = SampleDocuments.copy(sections);
        edited.get(4).set(2, edited.get(4).get(2).replaceFirst("\\.", " plus an inserted clause."));

        List<Chunk> after = chunker.chunk("Doc", SampleDocuments.markdown(edited));

        assertThat(before).hasSize(50);
        assertThat(newTexts(before, after)).hasSizeBetween(1, 2);
    }

    @Test
    void movingAParagraphWithinItsSectionKeepsEveryChunkText() {
        var sections = SampleDocuments.paragraphs("move", 10, 5);
        List<Chunk> before = chunker.chunk("Doc", SampleDocuments.markdown(sections));
        var moved = SampleDocuments.copy(sections);
        moved.get(3).add(0, moved.get(3).remove(4));

        List<Chunk> after = chunker.chunk("Doc", SampleDocuments.markdown(moved));

        assertThat(newTexts(before, after)).isEmpty();
        assertThat(after).extracting(Chunk::hash).isNotEqualTo(before.stream().map(Chunk::hash).toList());
    }

    @Test
    void headingsInsideCodeFencesAreNotHeadings() {
        List<Chunk> chunks = chunker.chunk("T", "```\n# not a heading\n```\n");
        assertThat(chunks).singleElement().extracting(Chunk::text).isEqualTo("T\n\n```\n# not a heading\n```");
    }

    @Test
    void rejectsAnOverlapThatCouldNotFitInAChunk() {
        assertThatThrownBy(() -> new StructuredChunker(100, 60)).hasMessageContaining("overlap");
    }

    private static Set<String> newTexts(List<Chunk> before, List<Chunk> after) {
        Set<String> old = new HashSet<>(before.stream().map(Chunk::text).toList());
        Set<String> fresh = new HashSet<>(after.stream().map(Chunk::text).toList());
        fresh.removeAll(old);
        return fresh;
    }
}
