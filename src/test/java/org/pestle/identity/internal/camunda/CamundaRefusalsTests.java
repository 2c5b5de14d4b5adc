package org.pestle.identity.internal.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CamundaRefusalsTests {

    private static final String ID = "88078ea6-f012-11f1-be0f-02fc00000001";
    private static final List<PathSegment> PATH = path("process-instance", ID, "variables");

    @Test
    void anotherClinicsInstanceIsNotFound() {
        ProcessEngineException tenant = new ProcessEngineException("ENGINE-13034 Cannot read the process instance '"
                + ID + "' because it belongs to no authenticated tenant.");

        assertThat(CamundaRefusals.refusal(tenant, PATH)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(CamundaRefusals.refusal(new RestException(Response.Status.INTERNAL_SERVER_ERROR, tenant,
                "Cannot complete task " + ID), PATH)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aMissingPermissionOnANamedResourceIsNotFoundAndOnAResourceTypeForbidden() {
        assertThat(CamundaRefusals.refusal(new AuthorizationException("dr.reyes",
                new MissingAuthorization("READ", "ProcessInstance", ID)), PATH)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(CamundaRefusals.refusal(new AuthorizationException("dr.okafor",
                new MissingAuthorization("CREATE", "ProcessInstance", null)), PATH)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(CamundaRefusals.refusal(new AuthorizationException("ENGINE-03029 Required admin authenticated"
                + " group or user."), PATH)).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aMissingEntityIsNotFoundOnlyWhenTheRequestNamesIt() {
        assertThat(CamundaRefusals.refusal(new NullValueException("execution " + ID + " doesn't exist"), PATH))
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(CamundaRefusals.refusal(new NullValueException("execution 1234-other doesn't exist"), PATH))
                .isNull();
        assertThat(CamundaRefusals.refusal(new InvalidRequestException(Response.Status.NOT_FOUND,
                "Process instance with id " + ID + " does not exist"), PATH)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void otherFailuresAreNoRefusals() {
        assertThat(CamundaRefusals.refusal(new ProcessEngineException("An exception occurred in the persistence"
                + " layer"), PATH)).isNull();
        assertThat(CamundaRefusals.refusal(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new IllegalStateException("bug"), "Cannot complete task " + ID), PATH)).isNull();
        assertThat(CamundaRefusals.refusal(new RestException(Response.Status.BAD_REQUEST, "Invalid variable"),
                PATH)).isNull();
    }

    private static List<PathSegment> path(String... segments) {
        return Arrays.stream(segments).map(segment -> (PathSegment) new PathSegment() {
            @Override
            public String getPath() {
                return segment;
            }

            @Override
            public MultivaluedMap<String, String> getMatrixParameters() {
                return new MultivaluedHashMap<>();
            }
        }).toList();
    }
}
