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

    /** Whether a document with these allowed roles is readable by the group. */
    public boolean canRead(Collection<String> allowedRoles) {
        return allowedRoles.stream().anyMatch(r -> Roles.PUBLIC.equals(r) || roles.contains(r));
    }
}
