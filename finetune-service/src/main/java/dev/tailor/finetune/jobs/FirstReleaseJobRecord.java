package dev.tailor.finetune.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A job record as the first release wrote it on the jobs topic (every field at the top level). The topic is
 * compacted and kept forever, so records of that shape are still read after an upgrade: they become today's
 * {@link JobRecord}, with what the first release knew.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FirstReleaseJobRecord(String id, String groupId, List<String> roles, String fingerprint, JobStatus status,
                             String provider, String baseModel, String datasetDir, int trainExamples, int evalExamples,
                             String trainingFileId, String providerJobId, String fineTunedModel, Double candidateScore,
                             Double currentScore, String currentModel, String message, List<String> progress,
                             boolean forced, Instant createdAt, Instant updatedAt) {

    JobRecord upgraded() {
        return new JobRecord(id, new JobRecord.Target(groupId, roles, fingerprint, provider, baseModel, forced), status,
                message, new JobRecord.DatasetPart(datasetDir, 0, 0, trainExamples, evalExamples),
                new JobRecord.TrainingPart(trainingFileId, providerJobId, fineTunedModel, progress, List.of(), null, null,
                        null, 0),
                candidateScore == null ? null : new JobRecord.EvaluationPart("similarity (first release)",
                        candidateScore, currentScore, currentModel, 0, List.of()),
                createdAt, updatedAt);
    }
}
