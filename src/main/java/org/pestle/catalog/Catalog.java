package org.pestle.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looks up compounds and clinic approvals. */
public interface Catalog {

    /** The compound with this id, if it exists. */
    Optional<Compound> find(UUID compoundId);

    /** Whether the clinic has approved the compound for its providers. */
    boolean isApprovedForClinic(UUID compoundId, UUID clinicId);

    /**
     * Whether the compound is a maintenance medication (taken continuously, e.g. hormone therapy): a refill that is
     * not asked for leads to an adherence call (refills). False for an unknown compound.
     */
    boolean isMaintenance(UUID compoundId);

    /** Active compounds, ordered by name. */
    List<Compound> active();
}
