package dev.tailor.finetune.dataset;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of the question writer stop a dataset build and which only cost the chunk its pairs. */
class WriterFailuresTest {

    @Test
    void aReplyThatDoesNotParseIsTheModelsFaultNotTheProviders() {
        // what langchain4j throws when a small model loops until its tokens run out mid-string (seen in the flow test)
        var truncated = new RuntimeException("Failed to parse \"{\\n  \\\"question\\\": \\\"What\" into OneQuestion",
                new UncheckedIOException(new JsonMappingException(null, "Unexpected end-of-input: was expecting closing quote")));

        assertThat(DatasetBuilder.isProviderDown(truncated)).isFalse();
    }

    @Test
    void anUnreachableProviderStopsTheBuild() {
        var down = new RuntimeException(new ConnectException("Connection refused"));

        assertThat(DatasetBuilder.isProviderDown(down)).isTrue();
    }
}
