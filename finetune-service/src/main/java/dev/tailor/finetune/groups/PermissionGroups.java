package dev.tailor.finetune.groups;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.corpus.IndexedDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Partitions roles into permission groups.
 *
 * <p>Every user holds {@code public}, so the set of documents a role {@code r} reads is
 * {@code docs listing r} ∪ {@code public docs}; the role {@code public} alone reads the public docs. Roles whose
 * readable sets are identical form one group. A consequence: a role whose every document is also public reads
 * exactly what {@code public} reads and joins the public group (its own model would know nothing more).
 * Only roles that appear on live documents form groups; a role on no document reads only the public docs and its
 * holders are served by the public group.
 */
public final class PermissionGroups {

    private PermissionGroups() {
    }

    public static List<PermissionGroup> of(Collection<IndexedDocument> liveDocuments) {
        Set<String> publicDocs = new TreeSet<>();
        Map<String, Set<String>> docsByRole = new TreeMap<>();
        for (IndexedDocument doc : liveDocuments) {
            if (doc.deleted()) {
                continue;
            }
            boolean isPublic = doc.allowedRoles().contains(Roles.PUBLIC);
            if (isPublic) {
                publicDocs.add(doc.docId());
            }
            for (String role : doc.allowedRoles()) {
                docsByRole.computeIfAbsent(role, r -> new TreeSet<>());
                if (!isPublic) {
                    // a public document is in every role's readable set already
                    docsByRole.get(role).add(doc.docId());
                }
            }
        }
        if (!publicDocs.isEmpty()) {
            docsByRole.putIfAbsent(Roles.PUBLIC, new TreeSet<>());
        }
        // roles keyed by the non-public part of their readable set; equal keys = equal readable sets
        Map<Set<String>, Set<String>> rolesByReadable = new java.util.HashMap<>();
        docsByRole.forEach((role, docs) -> rolesByReadable.computeIfAbsent(docs, d -> new TreeSet<>()).add(role));
        List<PermissionGroup> groups = new ArrayList<>();
        rolesByReadable.values().forEach(roles -> groups.add(PermissionGroup.of(roles)));
        groups.sort(Comparator.comparing(PermissionGroup::id));
        return groups;
    }
}
