package org.pestle.rules;

import java.util.List;

import org.pestle.platform.ApiProblem;
import org.pestle.rules.RuleTables.Fault;
import org.springframework.http.HttpStatus;

/** A 422 problem: an edited decision table that cannot be saved, with every fault by rule and column. */
public class TableFaults extends ApiProblem {

    private final transient List<Fault> faults;

    public TableFaults(List<Fault> faults) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-decision-table", "The decision table is not valid",
                faults.size() + " fault(s) in the table", faults.stream().map(TableFaults::fieldError).toList());
        this.faults = List.copyOf(faults);
    }

    public List<Fault> faults() {
        return faults;
    }

    private static FieldError fieldError(Fault fault) {
        String field = fault.rule() < 0 ? "table" : "rules[" + fault.rule() + "]"
                + (fault.column() < 0 ? "" : ".cells[" + fault.column() + "]");
        return new FieldError(field, fault.message());
    }
}
