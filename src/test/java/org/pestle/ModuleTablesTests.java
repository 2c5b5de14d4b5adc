package org.pestle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every table of Pestle's schema belongs to one module, and only that module's SQL names it: another module calls
 * the owner's API. Spring Modulith checks the Java boundaries; SQL in strings is invisible to it, so this test
 * reads the string literals and text blocks of each module's sources.
 */
class ModuleTablesTests {

    static final Path SOURCES = Path.of("src", "main", "java", "org", "pestle");
    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    /** Table → the module that owns it. A new table gets its row here. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("organization", "tenancy"), Map.entry("clinic", "tenancy"), Map.entry("prescriber", "tenancy"),
            Map.entry("clinic_settings_change", "tenancy"),
            Map.entry("app_user", "identity"), Map.entry("user_role", "identity"), Map.entry("user_clinic", "identity"),
            Map.entry("api_token", "identity"), Map.entry("recovery_code", "identity"), Map.entry("invite", "identity"),
            Map.entry("permission_grant", "identity"), Map.entry("permission_matrix_change", "identity"),
            Map.entry("elevated_access", "identity"),
            Map.entry("compound", "catalog"), Map.entry("clinic_compound_approval", "catalog"),
            Map.entry("master_formulation", "catalog"), Map.entry("master_formulation_ingredient", "catalog"),
            Map.entry("inventory_item", "inventory"), Map.entry("inventory_lot", "inventory"),
            Map.entry("stock_movement", "inventory"), Map.entry("stock_receipt_submission", "inventory"),
            Map.entry("stock_par_level", "inventory"), Map.entry("purchase_order", "inventory"),
            Map.entry("purchase_order_line", "inventory"), Map.entry("inventory_submission", "inventory"),
            Map.entry("wholesaler_return", "inventory"), Map.entry("wholesaler_return_step", "inventory"),
            Map.entry("controlled_reconciliation", "inventory"), Map.entry("controlled_investigation", "inventory"),
            Map.entry("biennial_inventory", "inventory"), Map.entry("biennial_inventory_line", "inventory"),
            Map.entry("controlled_destruction", "inventory"),
            Map.entry("controlled_destruction_witness", "inventory"),
            Map.entry("compounding_record", "dispensing"), Map.entry("compounding_ingredient", "dispensing"),
            Map.entry("final_check", "dispensing"), Map.entry("dispense_record", "dispensing"),
            Map.entry("recall", "recall"), Map.entry("recall_lot", "recall"), Map.entry("recall_patient", "recall"),
            Map.entry("pdmp_submission", "pdmp"), Map.entry("pdmp_record", "pdmp"),
            Map.entry("patient", "patients"), Map.entry("patient_key_rotation", "patients"),
            Map.entry("orders", "ordering"), Map.entry("order_line", "ordering"), Map.entry("order_review", "ordering"),
            Map.entry("order_submission", "ordering"),
            Map.entry("payment", "payments"), Map.entry("payment_checkout", "payments"),
            Map.entry("clinic_payment_method", "payments"), Map.entry("invoice_line", "payments"),
            Map.entry("stripe_event", "payments"), Map.entry("stripe_event_object", "payments"),
            Map.entry("text_message", "messaging"), Map.entry("inbound_text", "messaging"),
            Map.entry("sms_consent", "messaging"), Map.entry("sms_number_opt_out", "messaging"),
            Map.entry("patient_link_failure", "portal"), Map.entry("refill", "refills"),
            Map.entry("rule_table", "rules"), Map.entry("rule_version", "rules"), Map.entry("rule_draft", "rules"),
            Map.entry("rule_release", "rules"), Map.entry("rule_test_case", "rules"),
            Map.entry("audit_record", "audit"), Map.entry("audit_chain_head", "audit"),
            Map.entry("audit_chain_anchor", "audit"));

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableBelongsToAModuleThatExists() {
        Set<String> created = createdTables();

        assertThat(created).as("tables created by the migrations").isNotEmpty();
        assertThat(OWNERS.keySet()).as("tables with an owning module").containsAll(created);
        assertThat(modules()).as("modules").containsAll(OWNERS.values());
    }

    @Test
    void noModulesSqlNamesAnotherModulesTable() {
        List<String> crossings = new ArrayList<>();
        for (String module : modules()) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                    for (String table : tablesNamedInStrings(read(file))) {
                        String owner = OWNERS.get(table);
                        if (owner != null && !owner.equals(module)) {
                            crossings.add(SOURCES.relativize(file) + " names " + owner + "'s table " + table);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        assertThat(crossings).isEmpty();
    }

    @Test
    void theCheckFindsATableNamedInAStringOrATextBlock() {
        String source = "class X { String a = \"select * from orders o join compound c on true\";\n"
                + "String b = \"\"\"\n    insert into payment (id) values (?)\"\"\"; // from patient, in a comment\n}";

        assertThat(tablesNamedInStrings(source)).containsExactlyInAnyOrder("orders", "compound", "payment");
    }

    static Set<String> tablesNamedInStrings(String source) {
        Set<String> tables = new TreeSet<>();
        Matcher strings = STRING.matcher(source);
        while (strings.find()) {
            String text = strings.group(1) != null ? strings.group(1) : strings.group(2);
            Matcher reference = TABLE_REFERENCE.matcher(text);
            while (reference.find()) {
                tables.add(reference.group(1).toLowerCase());
            }
        }
        return tables;
    }

    private static Set<String> createdTables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(file -> {
                Matcher create = CREATE_TABLE.matcher(read(file));
                while (create.find()) {
                    tables.add(create.group(1).toLowerCase());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** The top-level packages under org.pestle: one per module. */
    static Set<String> modules() {
        try (Stream<Path> entries = Files.list(SOURCES)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
