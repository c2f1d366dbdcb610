package io.github.torchviz4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of STYLE.md, checked on core's compiled classes: graph → nothing of ours
 * but the shared checks; drawing → graph; layout → drawing, graph; render → all three; only
 * {@code layout.elk} imports ELK; no libtorch; no cycles between packages.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.torchviz4j";
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  private static void check(ArchRule rule) {
    rule.check(CORE);
  }

  @Test
  void theGraphDependsOnNothingElseOfOurs() {
    check(noClasses().that().resideInAPackage(ROOT + ".graph..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".drawing..", ROOT + ".layout..", ROOT + ".render..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Digraph")
        .because("graph holds data only (it may use internal.Checks and Torchviz4jException)"));
  }

  @Test
  void theDrawingDependsOnTheGraphOnly() {
    check(noClasses().that().resideInAPackage(ROOT + ".drawing..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".layout..", ROOT + ".render..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Digraph"));
  }

  @Test
  void theLayoutDependsOnTheDrawingAndTheGraphOnly() {
    check(noClasses().that().resideInAPackage(ROOT + ".layout..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".render..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Digraph"));
  }

  @Test
  void onlyTheElkLayoutImportsElk() {
    check(noClasses().that().resideOutsideOfPackage(ROOT + ".layout.elk..")
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.elk..", "org.eclipse.emf.."));
  }

  @Test
  void coreNeverSeesLibtorch() {
    check(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.bytedeco.."));
  }

  @Test
  void noCyclesBetweenTheLayers() {
    check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
  }

  /**
   * Every package below the root is a slice of its own, so {@code render} and its writer packages
   * count apart. The root package is no slice: it holds both the top ({@code Digraph}, which picks
   * the writers) and the bottom ({@code Torchviz4jException}, which every package throws).
   */
  @Test
  void noCyclesBetweenPackages() {
    check(slices().matching(ROOT + ".(**)").namingSlices("$1")
        .should().beFreeOfCycles()
        .because("each package, render and its writers included, depends one way"));
  }
}
