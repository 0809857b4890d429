package dev.tailor.finetune.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run, as kept on the compacted jobs topic (key = job id). Every transition writes the whole record,
 * so the latest value is all a restarted service needs to carry on.
 *
 * @param fingerprint   the corpus fingerprint the dataset was built from
 * @param providerJobId set once the provider accepted the job: from then on a restart resumes polling
 * @param progress      the provider's latest events, newest last (a few, for the API)
 */
public record JobRecord(
        String id,
        String groupId,
        List<String> roles,
        String fingerprint,
        JobStatus status,
        String provider,
        String baseModel,
        String datasetDir,
        int trainExamples,
        int evalExamples,
        String trainingFileId,
        String providerJobId,
        String fineTunedModel,
        Double candidateScore,
        Double currentScore,
        String currentModel,
        String message,
        List<String> progress,
        boolean forced,
        Instant createdAt,
        Instant updatedAt) {

    static final int MAX_PROGRESS = 10;

    public JobRecord {
        roles = roles == null ? List.of() : List.copyOf(roles);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    public JobRecord with(JobStatus newStatus, String newMessage, Instant now) {
        return new JobRecord(id, groupId, roles, fingerprint, newStatus, provider, baseModel, datasetDir,
                trainExamples, evalExamples, trainingFileId, providerJobId, fineTunedModel, candidateScore,
                currentScore, currentModel, newMessage, progress, forced, createdAt, now);
    }

    public JobRecord withDataset(String dir, int train, int eval, Instant now) {
        return new JobRecord(id, groupId, roles, fingerprint, status, provider, baseModel, dir, train, eval,
                trainingFileId, providerJobId, fineTunedModel, candidateScore, currentScore, currentModel, message,
                progress, forced, createdAt, now);
    }

    public JobRecord withProviderJob(String fileId, String jobId, Instant now) {
        return new JobRecord(id, groupId, roles, fingerprint, status, provider, baseModel, datasetDir,
                trainExamples, evalExamples, fileId, jobId, fineTunedModel, candidateScore, currentScore,
                currentModel, message, progress, forced, createdAt, now);
    }

    public JobRecord withModel(String model, Instant now) {
        return new JobRecord(id, groupId, roles, fingerprint, status, provider, baseModel, datasetDir,
                trainExamples, evalExamples, trainingFileId, providerJobId, model, candidateScore, currentScore,
                currentModel, message, progress, forced, createdAt, now);
    }

    public JobRecord withScores(Double candidate, Double current, String currentModelId, Instant now) {
        return new JobRecord(id, groupId, roles, fingerprint, status, provider, baseModel, datasetDir,
                trainExamples, evalExamples, trainingFileId, providerJobId, fineTunedModel, candidate, current,
                currentModelId, message, progress, forced, createdAt, now);
    }

    public JobRecord withProgress(List<String> events, Instant now) {
        List<String> merged = new ArrayList<>(progress);
        events.stream().filter(e -> !merged.contains(e)).forEach(merged::add);
        List<String> tail = merged.subList(Math.max(0, merged.size() - MAX_PROGRESS), merged.size());
        return new JobRecord(id, groupId, roles, fingerprint, status, provider, baseModel, datasetDir,
                trainExamples, evalExamples, trainingFileId, providerJobId, fineTunedModel, candidateScore,
                currentScore, currentModel, message, tail, forced, createdAt, now);
    }
}
