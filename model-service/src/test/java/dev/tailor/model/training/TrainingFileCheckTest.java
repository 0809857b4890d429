package dev.tailor.model.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingFileCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GOOD = """
            {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}""";

    @TempDir
    Path dir;

    String problemWith(String... lines) throws IOException {
        Path file = dir.resolve("train.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return TrainingFileCheck.problem(file, JSON).orElse(null);
    }

    @Test
    void acceptsChatExamplesAndBlankLines() throws IOException {
        assertThat(problemWith(GOOD, "", GOOD)).isNull();
    }

    @Test
    void namesTheLineAndWhatIsWrongWithIt() throws IOException {
        assertThat(problemWith(GOOD, "{not json")).isEqualTo("line 2: not valid JSON");
        assertThat(problemWith(GOOD, GOOD, "{\"prompt\": \"old format\"}")).isEqualTo("line 3: no \"messages\" array");
        assertThat(problemWith("{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}"))
                .startsWith("line 1: unknown role \"tool\"");
        assertThat(problemWith("{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}"))
                .isEqualTo("line 1: no assistant message to learn from");
        assertThat(problemWith("{\"messages\": [{\"role\": \"user\", \"content\": 3}, {\"role\": \"assistant\", \"content\": \"a\"}]}"))
                .isEqualTo("line 1: a user message without text content");
    }

    @Test
    void anEmptyFileHoldsNoExamples() throws IOException {
        assertThat(problemWith("", "")).isEqualTo("the file holds no examples");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = dir.resolve("binary.jsonl");
        Files.write(file, new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        assertThat(TrainingFileCheck.problem(file, JSON)).hasValue("the file is not UTF-8 text");
    }
}
