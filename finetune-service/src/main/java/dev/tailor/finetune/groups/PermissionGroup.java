package dev.tailor.finetune.groups;

import dev.tailor.contracts.Roles;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Roles that can read exactly the same documents; one model per group.
 *
 * @param roles sorted role names; a holder of any of them may be answered by the group's model
 */
public record PermissionGroup(String id, List<String> roles) {

    public PermissionGroup {
        roles = List.copyOf(new TreeSet<>(roles));
    }

    public static PermissionGroup of(Collection<String> roles) {
        List<String> sorted = List.copyOf(new TreeSet<>(roles));
        return new PermissionGroup(GroupIds.of(sorted), sorted);
    }

    /** The roles a document must list for the group to read it: the group's own, and {@code public}. */
    public List<String> readableVia() {
        TreeSet<String> via = new TreeSet<>(roles);
        via.add(Roles.PUBLIC);
        return List.copyOf(via);
    }

    /** Whether this is the group of {@code public}: the group of users holding no role that reads more. */
    public boolean isPublicGroup() {
        return roles.contains(Roles.PUBLIC);
    }

    /**
     * Whether a document with these allowed roles is in the group's <em>training corpus</em>: for the public group
     * the public documents; for every other group the non-public documents it reads. Public documents are readable
     * by every group, but only the public group's model is trained on them: otherwise every public edit would
     * retrain every model, and every model would carry its own copy of the public knowledge (query-service gives
     * a fine-tuned model the permitted retrieved passages anyway, public ones included).
     */
    public boolean trainsOn(Collection<String> allowedRoles) {
        boolean isPublic = allowedRoles.contains(Roles.PUBLIC);
        if (isPublicGroup()) {
            return isPublic;
        }
        return !isPublic && allowedRoles.stream().anyMatch(roles::contains);
    }

    /** Whether a document with these allowed roles is readable by the group's users. */
    public boolean canRead(Collection<String> allowedRoles) {
        return allowedRoles.stream().anyMatch(r -> Roles.PUBLIC.equals(r) || roles.contains(r));
    }
}
