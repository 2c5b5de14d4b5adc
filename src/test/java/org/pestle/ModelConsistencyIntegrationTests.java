package org.pestle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.pestle.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The models and the code agree: every bean a BPMN expression names exists, every form a user
 * task references is in forms/ and deployed, every decision and every process has its tests.
 */
@IntegrationTest
class ModelConsistencyIntegrationTests {

    private static final Pattern BEAN = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    @Autowired
    ApplicationContext context;

    @Autowired
    RepositoryService repository;

    @Test
    void everyDelegateAndListenerExpressionNamesABean() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (BpmnModelInstance model : processes()) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                expressions.add(task.getCamundaDelegateExpression());
                expressions.add(task.getCamundaExpression());
            }
            for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
                expressions.add(listener.getCamundaDelegateExpression());
                expressions.add(listener.getCamundaExpression());
            }
            for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
                expressions.add(listener.getCamundaDelegateExpression());
                expressions.add(listener.getCamundaExpression());
            }
        }
        List<String> beans = expressions.stream().filter(e -> e != null).map(ModelConsistencyIntegrationTests::bean)
                .toList();
        assertThat(beans).isNotEmpty().allSatisfy(bean -> assertThat(context.containsBean(bean))
                .as("bean '%s' named in a BPMN expression", bean).isTrue());
    }

    @Test
    void everyFormReferenceIsAFormInFormsFolderAndDeployed() throws IOException {
        List<String> formIds = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
                formIds.add(new ObjectMapper().readTree(form.toFile()).get("id").asText());
            }
        }
        List<String> deployedForms = repository.createDeploymentQuery().list().stream()
                .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream())
                .filter(name -> name.endsWith(".form")).toList();
        List<String> references = new ArrayList<>();
        for (BpmnModelInstance model : processes()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                assertThat(task.getCamundaFormRef()).as("formRef of %s", task.getId()).isNotNull();
                references.add(task.getCamundaFormRef());
            }
        }
        assertThat(references).isNotEmpty().allSatisfy(ref -> {
            assertThat(formIds).contains(ref);
            assertThat(deployedForms).anySatisfy(name -> assertThat(name).endsWith(ref + ".form"));
        });
    }

    @Test
    void everyDecisionHasADecisionTestsClass() throws IOException {
        List<String> decisionTests = testSources("DecisionTests.java");
        try (Stream<Path> files = Files.list(Path.of("decisions"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
                for (Decision decision : Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Decision.class)) {
                    assertThat(decisionTests).as("a *DecisionTests class for %s", decision.getId())
                            .anySatisfy(source -> assertThat(source).contains("\"" + decision.getId() + "\""));
                }
            }
        }
    }

    @Test
    void everyProcessHasAProcessTest() throws IOException {
        List<String> processTests = testSources("ProcessIntegrationTests.java");
        for (Path file : processFiles()) {
            String name = file.getFileName().toString().replace(".bpmn", "");
            assertThat(processTests).as("a *ProcessIntegrationTests class for %s", name)
                    .anySatisfy(source -> assertThat(source).contains("processes/" + name + ".bpmn"));
        }
    }

    private static String bean(String expression) {
        Matcher matcher = BEAN.matcher(expression);
        assertThat(matcher.find()).as("expression %s starts with a bean name", expression).isTrue();
        return matcher.group(1);
    }

    private static List<BpmnModelInstance> processes() throws IOException {
        return processFiles().stream().map(f -> Bpmn.readModelFromFile(f.toFile())).toList();
    }

    private static List<Path> processFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).toList();
        }
    }

    private static List<String> testSources(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            List<String> sources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                sources.add(Files.readString(file));
            }
            return sources;
        }
    }
}
