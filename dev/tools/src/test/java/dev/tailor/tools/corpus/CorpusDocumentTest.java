package dev.tailor.tools.corpus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusDocumentTest {

    private static final Path PATH = Path.of("finance", "budget.md");

    @Test
    void frontMatterBecomesTheEventAndTheRestIsTheContent() {
        var doc = CorpusDocument.parse(PATH, """
                ---
                docId: fin-budget-2027
                title: 2027 budget
                allowedRoles: [finance, hr]
                source: sharepoint
                ---
                # 2027 budget

                Marketing gets 4.2 M.
                """);

        var event = doc.toEvent(42L);
        assertThat(event.docId()).isEqualTo("fin-budget-2027");
        assertThat(event.version()).isEqualTo(42L);
        assertThat(event.title()).isEqualTo("2027 budget");
        assertThat(event.allowedRoles()).containsExactly("finance", "hr");
        assertThat(event.source()).isEqualTo("sharepoint");
        assertThat(event.contentType()).isEqualTo("text/markdown");
        assertThat(event.content()).isEqualTo("# 2027 budget\n\nMarketing gets 4.2 M.\n");
    }

    @Test
    void aDocumentWithoutRolesIsRefusedRatherThanPublishedOpen() {
        assertThatThrownBy(() -> CorpusDocument.parse(PATH, "---\ndocId: x\ntitle: X\n---\nbody\n"))
                .hasMessageContaining("allowedRoles");
    }

    @Test
    void aFileWithoutFrontMatterIsRefused() {
        assertThatThrownBy(() -> CorpusDocument.parse(PATH, "# just markdown\n"))
                .hasMessageContaining("front-matter");
    }
}
