package org.pestle.identity;

import java.util.Set;

/**
 * A pharmacy admin changed what a role may read and do.
 *
 * @param role the role
 * @param changedBy username of the admin
 * @param readBefore data elements before
 * @param readAfter data elements after
 * @param doBefore actions before
 * @param doAfter actions after
 * @param reason why, as the admin wrote it (null for a change through the API without one)
 */
public record PermissionsChanged(Role role, String changedBy, Set<DataElement> readBefore,
        Set<DataElement> readAfter, Set<Action> doBefore, Set<Action> doAfter, String reason) {
}
