package dev.tailor.query.security;

import dev.tailor.contracts.Roles;
import jakarta.json.JsonString;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the roles of a user from the claims of their access token, following a slash-separated claim path
 * (Keycloak: {@code realm_access/roles}). Fail-closed: a missing or malformed claim means no roles. Every
 * authenticated user also holds {@link Roles#PUBLIC}.
 */
public final class RolesExtractor {

    private final String[] path;

    public RolesExtractor(String claimPath) {
        if (claimPath == null || claimPath.isBlank()) {
            throw new IllegalArgumentException("the roles claim path must not be blank");
        }
        this.path = claimPath.split("/");
    }

    /**
     * The user's roles, sorted, always including {@code public}.
     *
     * @param claim a top-level claim of the token by name; only the first segment of the path is asked for, because
     *              a token converts every claim it is asked for, once per request
     */
    public Set<String> roles(Function<String, ?> claim) {
        Set<String> roles = new TreeSet<>();
        roles.add(Roles.PUBLIC);
        Object node = claim.apply(path[0]);
        for (int i = 1; i < path.length; i++) {
            if (!(node instanceof Map<?, ?> map)) {
                return roles;
            }
            node = map.get(path[i]);
        }
        if (node instanceof Collection<?> values) {
            for (Object value : values) {
                // Claims come as plain Java values or as JSON-P values, depending on the token parser.
                String role = value instanceof JsonString js ? js.getString() : value instanceof String s ? s : null;
                if (role != null && !role.isBlank()) {
                    roles.add(role);
                }
            }
        } else if (node instanceof JsonString js) {
            addSpaceSeparated(roles, js.getString());
        } else if (node instanceof String single) {
            addSpaceSeparated(roles, single);
        }
        return roles;
    }

    private static void addSpaceSeparated(Set<String> roles, String value) {
        if (!value.isBlank()) {
            // Some providers put one role, or a space-separated list like "scope", in a string claim.
            for (String role : value.trim().split("\\s+")) {
                roles.add(role);
            }
        }
    }
}
