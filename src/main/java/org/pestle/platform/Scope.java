package org.pestle.platform;

import java.util.Set;
import java.util.UUID;

/**
 * Whose data a database transaction may touch. PostgreSQL's row-level security policies read it
 * from transaction-local settings; with no scope, no rows.
 *
 * @param kind what kind of scope
 * @param actor who acts (a username, or {@code system:<what>} for background work)
 * @param clinicIds the clinics of a {@link Kind#CLINICS} scope
 * @param patientId the patient of a {@link Kind#PATIENT} scope
 */
public record Scope(Kind kind, String actor, Set<UUID> clinicIds, UUID patientId) {

    public Scope {
        clinicIds = Set.copyOf(clinicIds);
    }

    /** The kinds of scope, as the policies know them ({@code pestle.scope}). */
    public enum Kind {
        /** No one: every protected table looks empty. */
        NONE("none"),
        /** A clinic-side user: the rows of their clinics. */
        CLINICS("clinics"),
        /** A pharmacy-side user: every client clinic, by explicit policy. */
        PHARMACY("pharmacy"),
        /** A patient through a signed link: their own rows only. */
        PATIENT("patient"),
        /** Background work (jobs, timers, migrations), recorded as the actor. */
        SYSTEM("system");

        private final String setting;

        Kind(String setting) {
            this.setting = setting;
        }

        /** The value of {@code pestle.scope} for this kind. */
        public String setting() {
            return setting;
        }
    }

    public static Scope none() {
        return new Scope(Kind.NONE, "anonymous", Set.of(), null);
    }

    public static Scope system(String actor) {
        return new Scope(Kind.SYSTEM, actor, Set.of(), null);
    }

    public static Scope pharmacy(String actor) {
        return new Scope(Kind.PHARMACY, actor, Set.of(), null);
    }

    public static Scope clinics(String actor, Set<UUID> clinicIds) {
        return new Scope(Kind.CLINICS, actor, clinicIds, null);
    }

    public static Scope patient(String actor, UUID patientId) {
        return new Scope(Kind.PATIENT, actor, Set.of(), patientId);
    }
}
