package dev.tailor.ingest.poison;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentEventTypes;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.Stack;
import dev.tailor.testsupport.TopicWriter;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Records that must each end somewhere: dead-lettered with their reason (and the limit's key when over one), or
 * indexed when exactly at a limit. Every limit has a record at it and one a byte (or an entry) over; then records
 * that fail decoding in every way we know; then the largest records the broker accepts.
 */
public final class PoisonCorpus {

    public enum End { DEAD_LETTERED, INDEXED }

    /**
     * @param reason part of the expected {@code dead-letter-reason} (null: any)
     * @param limit  the expected {@code tailor-dlq-limit} (null: none)
     */
    public record Poison(String kind, String docId, ProducerRecord<String, byte[]> record, End end, String reason,
            String limit) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIMITS = "tailor.ingest.limits.";

    private final IngestConfig.Limits limits;
    private final List<Poison> poisons = new ArrayList<>();

    private PoisonCorpus(IngestConfig.Limits limits) {
        this.limits = limits;
    }

    /** Every poison, the largest ones sized to {@code maxRecordBytes} (the broker's limit; 0 leaves them out). */
    public static List<Poison> all(IngestConfig.Limits limits, int maxRecordBytes) {
        PoisonCorpus c = new PoisonCorpus(limits);
        c.undecodable();
        c.fieldLimits();
        c.derivedLimits();
        if (maxRecordBytes > 0) {
            c.largest(maxRecordBytes);
        }
        return List.copyOf(c.poisons);
    }

    /**
     * Publishes the poisons in order, each followed by a good event (a small document {@code role} may read), and
     * waits for the broker: the ids of the good documents, which must be indexed whatever the poisons do.
     */
    public static List<String> publishWithGoodEvents(List<Poison> corpus, String role) {
        List<String> good = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Poison p : corpus) {
            records.add(p.record());
            String ok = DocumentChanges.newDocId("poison-good");
            good.add(ok);
            records.add(DocumentChanges.upsert(DocumentChanges.doc(ok, 1, "Good", "A good event.", role)));
        }
        // the largest poisons are as large as the broker accepts
        try (TopicWriter writer = TopicWriter.forRecordsUpTo(8 << 20)) {
            writer.send(records);
        }
        return good;
    }

    /** The largest record the broker accepts on docs.changes (the topic's setting, else the broker's). */
    public static int brokerRecordLimit() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Stack.fromEnvironment().kafkaBootstrap()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DOCS_CHANGES);
            return Integer.parseInt(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("max.message.bytes").value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the settings of " + Topics.DOCS_CHANGES, e.getCause());
        }
    }

    private void undecodable() {
        invalid("not-json", id -> raw(id, "{\"specversion\": \"1.0\", broken", false), "value is not JSON");
        invalid("not-json-structured", id -> raw(id, "{\"specversion\": \"1.0\", broken", true), "not a valid CloudEvent");
        invalid("not-cloudevent", id -> raw(id, "{\"docId\": \"" + id + "\"}", false), "not a CloudEvent");
        invalid("deeply-nested-json", id -> raw(id, "[".repeat(100_000) + "]".repeat(100_000), false), null);
        invalid("unknown-type", id -> record(id, new String(DocumentChangeEvents.structured(DocumentChangeEvents
                .deleted(new DocumentDeleted(id, 1L))), StandardCharsets.UTF_8)
                .replace(DocumentEventTypes.DELETED, "tailor.document.archived").getBytes(StandardCharsets.UTF_8)),
                "unknown CloudEvent type");
        invalid("no-data", id -> record(id, new JsonFormat().serialize(CloudEventBuilder.v1().withId("e-" + id)
                .withType(DocumentEventTypes.UPSERTED).withSource(URI.create("urn:poison")).build())), "has no data");
        invalid("data-not-object", id -> event(id, "[1, 2, 3]"), "not a valid DocumentUpserted");
        invalid("version-overflow", id -> event(id, "{\"docId\": \"" + id + "\", \"version\": 1e40, \"content\": \"c\", "
                + "\"allowedRoles\": [\"hr\"]}"), "not a valid DocumentUpserted");
        invalid("no-doc-id", id -> upsert(id, new DocumentUpserted(null, 1L, "t", "c", null, List.of("hr"), null, null, null)),
                "no docId");
        invalid("no-version", id -> upsert(id, doc(id, null, "t", "c", List.of("hr"))), "no version");
        invalid("negative-version", id -> upsert(id, doc(id, -1L, "t", "c", List.of("hr"))), "must not be negative");
        invalid("no-roles", id -> upsert(id, doc(id, 1L, "t", "c", null)), "no allowedRoles");
        invalid("empty-roles", id -> upsert(id, doc(id, 1L, "t", "c", List.of())), "no allowedRoles");
        invalid("blank-role", id -> upsert(id, doc(id, 1L, "t", "c", List.of("hr", " "))), "blank role");
        invalid("empty-content", id -> upsert(id, doc(id, 1L, "t", " \n ", List.of("hr"))), "empty content");
        invalid("key-not-doc-id", id -> {
            ProducerRecord<String, byte[]> r = upsert(id, doc(id + "-other", 1L, "t", "c", List.of("hr")));
            return new ProducerRecord<>(r.topic(), null, id, r.value(), r.headers());
        }, "differs from data.docId");
        invalid("binary-unknown-specversion", id -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", "9.9".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", DocumentEventTypes.UPSERTED.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "urn:poison".getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(Topics.DOCS_CHANGES, null, id, "{}".getBytes(StandardCharsets.UTF_8), headers);
        }, "not a valid CloudEvent");
    }

    private void fieldLimits() {
        atAndOver("doc-id-bytes", limits.docIdBytes(),
                n -> { String id = padded("it-poison-docid", n); return upsert(id, doc(id, 1L, "t", "c", List.of("hr"))); });
        atAndOver("title-bytes", limits.titleBytes(), (id, n) -> doc(id, 1L, "T".repeat(n), "Paragraph.", List.of("hr")));
        atAndOver("roles", limits.roles(), (id, n) -> doc(id, 1L, "t", "Paragraph.", roles(n, 4)));
        atAndOver("role-bytes", limits.roleBytes(), (id, n) -> doc(id, 1L, "t", "Paragraph.", List.of("r".repeat(n))));
        atAndOver("metadata-entries", limits.metadataEntries(), (id, n) -> withMetadata(doc(id, 1L, "t", "c", List.of("hr")),
                entries(n)));
        atAndOver("metadata-bytes", limits.metadataBytes(), (id, n) -> withMetadata(doc(id, 1L, "t", "c", List.of("hr")),
                Map.of("k", "v".repeat(n - 1))));
        atAndOver("source-bytes", limits.sourceBytes(), (id, n) -> new DocumentUpserted(id, 1L, "t", "c", null,
                List.of("hr"), "s".repeat(n), null, null));
        atAndOver("uri-bytes", limits.uriBytes(), (id, n) -> new DocumentUpserted(id, 1L, "t", "c", null,
                List.of("hr"), null, "u".repeat(n), null));
        atAndOver("attribute-bytes", limits.attributeBytes(), (id, n) -> new DocumentUpserted(id, 1L, "t", "c",
                "text/" + "x".repeat(n - 5), List.of("hr"), null, null, null));
        atAndOver("content-bytes", limits.contentBytes(), (id, n) -> doc(id, 1L, "t", prose(n), List.of("hr")));
    }

    private void derivedLimits() {
        // a chunk is its heading path ("T") and a blank line, then the paragraph: one word of the rest
        atAndOver("chunk-bytes", limits.chunkBytes(), (id, n) -> doc(id, 1L, "T", "w".repeat(n - 3), List.of("hr")));
        atAndOver("chunks-per-document", limits.chunksPerDocument(), (id, n) -> doc(id, 1L, "T", sections(n), List.of("hr")));
        int longWord = Math.min(limits.contentBytes(), 1 << 20) - 16;
        limitOnly("one-long-word", "chunk-bytes", id -> upsert(id, doc(id, 1L, "T", "w".repeat(longWord), List.of("hr"))));
        limitOnly("heading-bomb", "chunk-bytes", id -> upsert(id, doc(id, 1L, "T",
                "# " + "H".repeat(limits.chunkBytes() + 1) + "\n\n" + "## s\n\nx\n\n".repeat(1000), List.of("hr"))));
        // "x" counts 2 tokens: ~99 paragraphs a chunk
        add("tiny-paragraphs", id -> upsert(id, doc(id, 1L, "T", "x\n\n".repeat(limits.chunksPerDocument() / 2 * 90),
                List.of("hr"))), End.INDEXED, null, null);
        limitOnly("tiny-paragraphs-flood", "chunks-per-document", id -> upsert(id, doc(id, 1L, "T",
                "x\n\n".repeat(Math.max(limits.contentBytes() / 3 - 1, limits.chunksPerDocument() * 100)), List.of("hr"))));
    }

    /** The reported defect (a heap-exhausting upsert that passed validation), and records at the broker's limit. */
    private void largest(int maxRecordBytes) {
        int budget = maxRecordBytes - 4096;
        limitOnly("many-roles-big-record", "roles", id -> {
            StringBuilder content = new StringBuilder();
            while (content.length() < Math.min(limits.contentBytes(), 900_000) - 200) {
                content.append("Paragraph about nothing in particular, long enough to be a chunk of its own.\n\n");
            }
            // JSON writes each line break as two bytes
            long escaped = content.length() + content.chars().filter(c -> c == '\n').count();
            int roles = (int) (budget - escaped - 2000) / 10;
            return upsert(id, doc(id, 1L, "t", content.toString(), roles(roles, 7)));
        });
        add("largest-record-valid", id -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("docId", id);
            data.put("version", 1);
            data.put("content", "A paragraph beside a field nobody reads.");
            data.put("allowedRoles", List.of("hr"));
            data.put("padding", "p".repeat(budget - 600));
            return event(id, json(data));
        }, End.INDEXED, null, null);
        limitOnly("largest-record-over-content", "content-bytes",
                id -> upsert(id, doc(id, 1L, "t", "w ".repeat((budget - 600) / 2), List.of("hr"))));
    }

    // ---------------------------------------------------------------- building blocks

    private interface Make {
        ProducerRecord<String, byte[]> of(String docId);
    }

    private interface MakeData {
        DocumentUpserted of(String docId, int n);
    }

    private void invalid(String kind, Make make, String reason) {
        add(kind, make, End.DEAD_LETTERED, reason, null);
    }

    private void limitOnly(String kind, String limit, Make make) {
        add(kind, make, End.DEAD_LETTERED, null, LIMITS + limit);
    }

    private void atAndOver(String limit, int value, MakeData data) {
        add(limit + "-at", id -> upsert(id, data.of(id, value)), End.INDEXED, null, null);
        add(limit + "-over", id -> upsert(id, data.of(id, value + 1)), End.DEAD_LETTERED, null, LIMITS + limit);
    }

    /** For the docId itself: the record's key is the id, which carries the size. */
    private void atAndOver(String limit, int value, java.util.function.IntFunction<ProducerRecord<String, byte[]>> record) {
        ProducerRecord<String, byte[]> at = record.apply(value); // once: each record has an id of its own
        poisons.add(new Poison(limit + "-at", at.key(), at, End.INDEXED, null, null));
        ProducerRecord<String, byte[]> over = record.apply(value + 1);
        poisons.add(new Poison(limit + "-over", over.key(), over, End.DEAD_LETTERED, null, LIMITS + limit));
    }

    private void add(String kind, Make make, End end, String reason, String limit) {
        String id = DocumentChanges.newDocId("poison-" + kind);
        poisons.add(new Poison(kind, id, make.of(id), end, reason, limit));
    }

    private static DocumentUpserted doc(String id, Long version, String title, String content, List<String> roles) {
        return new DocumentUpserted(id, version, title, content, "text/markdown", roles, "poison", null, null);
    }

    private static DocumentUpserted withMetadata(DocumentUpserted d, Map<String, String> metadata) {
        return new DocumentUpserted(d.docId(), d.version(), d.title(), d.content(), d.contentType(), d.allowedRoles(),
                d.source(), d.uri(), metadata);
    }

    private static ProducerRecord<String, byte[]> upsert(String key, DocumentUpserted data) {
        ProducerRecord<String, byte[]> r = DocumentChanges.upsert(data);
        return new ProducerRecord<>(r.topic(), null, key, r.value(), r.headers());
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, key, value, DocumentChanges.structuredHeaders());
    }

    private static ProducerRecord<String, byte[]> raw(String key, String value, boolean structuredHeader) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, key, value.getBytes(StandardCharsets.UTF_8),
                structuredHeader ? DocumentChanges.structuredHeaders() : new RecordHeaders());
    }

    /** A structured upsert event whose data is {@code data} as given. */
    private static ProducerRecord<String, byte[]> event(String key, String data) {
        return record(key, new JsonFormat().serialize(CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(DocumentEventTypes.UPSERTED).withSource(URI.create("urn:poison"))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build()));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String padded(String prefix, int bytes) {
        String base = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return base + "x".repeat(bytes - base.length());
    }

    private static List<String> roles(int count, int width) {
        List<String> roles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            roles.add(String.format("r%0" + (width - 1) + "d", i));
        }
        return roles;
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.put("k" + i, "v");
        }
        return m;
    }

    /** English-like prose of exactly {@code bytes} bytes, in paragraphs. */
    private static String prose(int bytes) {
        String[] words = {"robot", "arm", "calibration", "sensor", "torque", "firmware", "assembly", "line", "shift"};
        StringBuilder sb = new StringBuilder(bytes + 16);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append(words[i % words.length]).append(i % 100 == 99 ? ".\n\n" : " ");
        }
        sb.setLength(bytes);
        if (Character.isWhitespace(sb.charAt(bytes - 1))) {
            sb.setCharAt(bytes - 1, 'x');
        }
        return sb.toString();
    }

    /** {@code count} sections of one tiny paragraph each: one chunk per section. */
    private static String sections(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("## s").append(i).append("\n\nx").append(i).append("\n\n");
        }
        return sb.toString();
    }
}
