package org.pestle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries hold (no cycles, no reaching into another module's internal package), and
 * the module diagrams in docs/modules are regenerated from the code on every build.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(PestleApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void everyTopLevelPackageIsAVerifiedModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getName))
                .containsExactlyInAnyOrderElementsOf(ModuleTablesTests.modules())
                .contains("platform", "identity", "tenancy", "catalog", "patients", "ordering", "payments",
                        "messaging", "rules", "audit", "console", "portal", "inventory",
                        "dispensing", "pdmp");
    }

    @Test
    void writesTheModuleDiagramsIntoDocs() {
        Path folder = Path.of("docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        assertThat(folder.resolve("components.puml")).exists();
        assertThat(folder.resolve("module-ordering.puml")).exists();
    }
}
