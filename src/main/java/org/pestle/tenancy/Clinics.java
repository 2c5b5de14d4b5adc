package org.pestle.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looks up clinics. */
public interface Clinics {

    /** The clinic with this id, if it exists. */
    Optional<Clinic> find(UUID clinicId);

    /** Every clinic, ordered by code. */
    List<Clinic> all();
}
