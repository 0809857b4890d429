package dev.tailor.finetune.dataset;

import dev.tailor.finetune.config.ChatModels;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshot → question/answer pairs → deduplicated train/eval split → JSONL + manifest, for one group. */
@ApplicationScoped
public class DatasetBuilder {

    private static final Logger LOG = Logger.getLogger(DatasetBuilder.class);

    @Inject
    ChunkSnapshot snapshot;

    @Inject
    FinetuneConfig config;

    private QaGenerator generator;

    @PostConstruct
    void init() {
        var gen = config.generation();
        generator = gen.baseUrl()
                .<QaGenerator>map(url -> new LlmQaGenerator(
                        ChatModels.openAiCompatible(url, gen.apiKey().orElse(null), gen.model(), gen.timeout()),
                        gen.model(), gen.pairsPerDocument(), gen.maxChars()))
                .orElseGet(StructureQaGenerator::new);
        LOG.infof("question/answer generator: %s", generator.describe());
    }

    public Dataset build(String jobId, PermissionGroup group, String fingerprint) {
        List<SnapshotChunk> chunks = snapshot.of(group);
        Map<String, List<SnapshotChunk>> byDocument = new LinkedHashMap<>();
        chunks.forEach(c -> byDocument.computeIfAbsent(c.docId(), d -> new ArrayList<>()).add(c));
        List<QaPair> pairs = new ArrayList<>();
        byDocument.values().forEach(docChunks -> pairs.addAll(generator.generate(docChunks)));
        List<QaPair> unique = DatasetWriter.deduplicate(pairs);
        List<List<QaPair>> split = DatasetWriter.split(unique, config.dataset().evalFraction());
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("jobId", jobId);
        manifest.put("groupId", group.id());
        manifest.put("roles", group.roles());
        manifest.put("readableVia", group.readableVia());
        manifest.put("corpusFingerprint", fingerprint);
        manifest.put("documents", byDocument.size());
        manifest.put("chunks", chunks.size());
        manifest.put("generator", generator.describe());
        manifest.put("generatedPairs", pairs.size());
        manifest.put("duplicatesRemoved", pairs.size() - unique.size());
        manifest.put("evalFraction", config.dataset().evalFraction());
        return DatasetWriter.write(config.dataset().path().resolve(jobId), config.dataset().systemPrompt(),
                split.get(0), split.get(1), manifest);
    }
}
