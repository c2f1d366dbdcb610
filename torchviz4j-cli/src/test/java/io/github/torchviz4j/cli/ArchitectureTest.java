package io.github.torchviz4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command's dependency rules: libtorch's types only where a model runs; everything else goes
 * through torchviz4j-pytorch's API and core's writers.
 */
class ArchitectureTest {
  private static final String CLI = "io.github.torchviz4j.cli";
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(CLI);

  /** {@code ModelRun} and each command's job ({@code GraphJob}, {@code CheckJob}, ...), nested classes included. */
  private static final DescribedPredicate<JavaClass> RUNS_A_MODEL = DescribedPredicate.describe(
      "ModelRun or a *Job (the libtorch part of a command)", c -> {
        String topLevel = c.getName().substring(c.getPackageName().length() + 1).split("\\$", 2)[0];
        return topLevel.equals("ModelRun") || topLevel.endsWith("Job");
      });

  @Test
  void onlyWhatRunsAModelTouchesLibtorch() {
    noClasses().that().resideInAPackage(CLI + "..")
        .and(DescribedPredicate.not(RUNS_A_MODEL))
        .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
        .because("the command goes through torchviz4j-pytorch's API; only running a model holds tensors")
        .check(CLASSES);
  }
}
