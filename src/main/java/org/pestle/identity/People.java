package org.pestle.identity;

import java.util.Collection;
import java.util.Map;

/** Who Pestle's users are by name, for pages that speak of them ("Dr. Reyes approved order #2847"). */
public interface People {

    /**
     * A user's name as people call them.
     *
     * @param username login name
     * @param firstName first name
     * @param lastName last name
     */
    record Person(String username, String firstName, String lastName) {
    }

    /** The users with these login names; names nobody has are left out. */
    Map<String, Person> byUsername(Collection<String> usernames);
}
