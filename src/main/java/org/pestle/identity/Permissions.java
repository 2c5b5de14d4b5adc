package org.pestle.identity;

/**
 * The permission matrix: which data elements and actions each role may read or take. A user may
 * what any of their roles may. Modules ask here instead of checking roles themselves.
 */
public interface Permissions {

    /** Whether the actor may see this data element (absent from responses otherwise). */
    boolean canRead(Actor actor, DataElement element);

    /** Whether the actor may take this action. */
    boolean canDo(Actor actor, Action action);

    /**
     * Fails with a 403 problem unless the actor may take the action.
     *
     * @throws org.pestle.platform.ApiProblem 403 when not allowed
     */
    void require(Actor actor, Action action);

    /** The roles that may see this data element (the permission matrix in force). */
    java.util.Set<Role> rolesReading(DataElement element);

    /** The roles that may take this action (the permission matrix in force). */
    java.util.Set<Role> rolesDoing(Action action);
}
