package org.pestle.ordering.internal;

import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface OrderRepository extends CrudRepository<PharmacyOrder, UUID> {
}
