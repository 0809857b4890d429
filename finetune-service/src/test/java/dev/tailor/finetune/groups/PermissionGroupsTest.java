package dev.tailor.finetune.groups;

import dev.tailor.finetune.corpus.IndexedDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionGroupsTest {

    static IndexedDocument doc(String id, String... roles) {
        return new IndexedDocument(id, 1, List.of(roles), id, "h-" + id, 2, 100, false, null);
    }

    @Test
    void rolesReadingTheSameDocumentsFormOneGroup() {
        var groups = PermissionGroups.of(List.of(doc("a", "engineering", "sre"), doc("b", "sre", "engineering"),
                doc("c", "finance")));
        assertThat(groups).extracting(PermissionGroup::roles)
                .containsExactlyInAnyOrder(List.of("engineering", "sre"), List.of("finance"));
    }

    @Test
    void aRoleThatReadsOneMoreDocumentIsAGroupOfItsOwn() {
        var groups = PermissionGroups.of(List.of(doc("a", "engineering", "sre"), doc("b", "sre")));
        assertThat(groups).extracting(PermissionGroup::roles)
                .containsExactlyInAnyOrder(List.of("engineering"), List.of("sre"));
    }

    @Test
    void publicDocumentsAreInEveryGroupAndDoNotSeparateRoles() {
        // finance also lists a public doc: public docs are readable by everyone, so it changes nothing
        var groups = PermissionGroups.of(List.of(doc("p", "public", "finance"), doc("f", "finance", "legal")));
        assertThat(groups).extracting(PermissionGroup::roles)
                .containsExactlyInAnyOrder(List.of("finance", "legal"), List.of("public"));
        var finance = groups.stream().filter(g -> g.roles().contains("finance")).findFirst().orElseThrow();
        assertThat(finance.canRead(List.of("public"))).isTrue();
        assertThat(finance.readableVia()).containsExactly("finance", "legal", "public");
    }

    @Test
    void aGroupTrainsOnItsOwnNonPublicDocumentsAndThePublicGroupOnThePublicOnes() {
        var finance = PermissionGroup.of(List.of("finance", "legal"));
        var everyone = PermissionGroup.of(List.of("public"));
        assertThat(finance.trainsOn(List.of("finance"))).isTrue();
        assertThat(finance.trainsOn(List.of("finance", "public"))).isFalse();
        assertThat(finance.trainsOn(List.of("hr"))).isFalse();
        assertThat(everyone.trainsOn(List.of("finance", "public"))).isTrue();
        assertThat(everyone.trainsOn(List.of("finance"))).isFalse();
        // what a group trains on is always readable by its users
        for (var roles : List.of(List.of("finance"), List.of("public"), List.of("finance", "public"), List.of("hr"))) {
            if (finance.trainsOn(roles)) {
                assertThat(finance.canRead(roles)).isTrue();
            }
            if (everyone.trainsOn(roles)) {
                assertThat(everyone.canRead(roles)).isTrue();
            }
        }
    }

    @Test
    void aRoleWhoseDocumentsAreAllPublicJoinsThePublicGroup() {
        var groups = PermissionGroups.of(List.of(doc("p", "public", "marketing"), doc("h", "hr")));
        assertThat(groups).extracting(PermissionGroup::roles)
                .containsExactlyInAnyOrder(List.of("marketing", "public"), List.of("hr"));
    }

    @Test
    void anAclChangeRegroups() {
        var before = PermissionGroups.of(List.of(doc("a", "engineering", "sre"), doc("b", "engineering", "sre")));
        var after = PermissionGroups.of(List.of(doc("a", "engineering", "sre"), doc("b", "engineering")));
        assertThat(before).extracting(PermissionGroup::id).containsExactly("g-engineering+sre");
        assertThat(after).extracting(PermissionGroup::id).containsExactlyInAnyOrder("g-engineering", "g-sre");
    }

    @Test
    void deletedDocumentsReadNothing() {
        var gone = new IndexedDocument("x", 2, List.of(), null, null, 0, 0, true, null);
        assertThat(PermissionGroups.of(List.of(gone, doc("a", "hr")))).extracting(PermissionGroup::roles)
                .containsExactly(List.of("hr"));
    }

    @Test
    void groupIdsAreStableReadableAndCollisionFree() {
        assertThat(GroupIds.of(List.of("sre", "engineering"))).isEqualTo("g-engineering+sre");
        assertThat(GroupIds.of(List.of("Eng"))).startsWith("g-eng-").isNotEqualTo(GroupIds.of(List.of("eng")));
        String longId = GroupIds.of(List.of("a".repeat(50), "b".repeat(50)));
        assertThat(longId).hasSizeLessThanOrEqualTo(GroupIds.MAX_LENGTH)
                .isNotEqualTo(GroupIds.of(List.of("a".repeat(50), "b".repeat(51))));
    }
}
