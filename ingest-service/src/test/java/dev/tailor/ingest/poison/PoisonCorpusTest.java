package dev.tailor.ingest.poison;

import dev.tailor.ingest.chunking.ChunkLimitException;
import dev.tailor.ingest.chunking.StructuredChunker;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.events.ChangeEventDecoder;
import dev.tailor.ingest.events.InvalidEventException;
import dev.tailor.ingest.index.DocumentChange;
import dev.tailor.ingest.poison.PoisonCorpus.End;
import dev.tailor.ingest.poison.PoisonCorpus.Poison;
import dev.tailor.ingest.support.TestConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Where each poison ends, decided without the stack: the decoder's verdict (with the limit's key), else the
 * chunker's, else indexed. {@code PoisonTest} checks the same corpus against the running service.
 */
class PoisonCorpusTest {

    static final int LOCAL_BROKER_MAX_RECORD = 5_242_880;

    private final IngestConfig config = TestConfig.ingest(Map.of(
            "tailor.ingest.limits.content-bytes", "65536", "tailor.ingest.limits.chunks-per-document", "200"));
    private final ChangeEventDecoder decoder = new ChangeEventDecoder(config.limits());
    private final StructuredChunker chunker = new StructuredChunker(config.chunking().maxTokens(),
            config.chunking().overlapTokens(), config.limits().chunksPerDocument(), config.limits().chunkBytes());

    record Verdict(End end, String reason, String limit) {
    }

    @Test
    void everyPoisonEndsWhereTheCorpusSays() {
        List<Poison> corpus = PoisonCorpus.all(config.limits(), LOCAL_BROKER_MAX_RECORD);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        assertThat(corpus.stream().map(Poison::kind).distinct()).hasSize(corpus.size());
        assertSoftly(softly -> {
            for (Poison p : corpus) {
                // PoisonTest looks for an indexed poison by this id
                softly.assertThat(p.record().key()).as("record key of %s", p.kind()).isEqualTo(p.docId());
                Verdict v = verdict(p.record());
                softly.assertThat(v.end()).as("end of %s (%s)", p.kind(), v.reason()).isEqualTo(p.end());
                if (p.end() == End.DEAD_LETTERED) {
                    softly.assertThat(v.limit()).as("limit of %s", p.kind()).isEqualTo(p.limit());
                    if (p.reason() != null) {
                        softly.assertThat(v.reason()).as("reason of %s", p.kind()).contains(p.reason());
                    }
                }
            }
        });
    }

    @Test
    void theLargestRecordsAreAtTheBrokersLimit() {
        // the test profile's limits (PoisonTest) and the service's defaults (dev/chaos runs the corpus against those)
        for (IngestConfig limits : List.of(config, TestConfig.ingest(Map.of()))) {
            for (Poison p : PoisonCorpus.all(limits.limits(), LOCAL_BROKER_MAX_RECORD)) {
                if (p.kind().startsWith("largest") || p.kind().startsWith("many-roles")) {
                    assertThat(p.record().value().length).as(p.kind()).isBetween(LOCAL_BROKER_MAX_RECORD - 8192,
                            LOCAL_BROKER_MAX_RECORD - 1024);
                }
            }
        }
    }

    private Verdict verdict(ProducerRecord<String, byte[]> record) {
        DocumentChange change;
        try {
            change = decoder.decode(new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1,
                    record.key(), record.value(), record.headers(), Optional.empty()));
        } catch (InvalidEventException e) {
            return new Verdict(End.DEAD_LETTERED, e.getMessage(), e.limit().orElse(null));
        }
        if (change instanceof DocumentChange.Upsert upsert) {
            try {
                chunker.chunk(upsert.data().title() == null ? "" : upsert.data().title(), upsert.data().content());
            } catch (ChunkLimitException e) {
                return new Verdict(End.DEAD_LETTERED, e.getMessage(), e.limit());
            }
        }
        return new Verdict(End.INDEXED, null, null);
    }
}
