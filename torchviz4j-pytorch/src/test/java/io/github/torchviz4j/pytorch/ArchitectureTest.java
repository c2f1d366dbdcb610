package io.github.torchviz4j.pytorch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The pytorch module's dependency rules: libtorch only where a capture needs it, no drawing
 * decisions in the capture, no cycles.
 */
class ArchitectureTest {
  private static final String PYTORCH = "io.github.torchviz4j.pytorch";
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(PYTORCH);

  @Test
  void optionsPlacementAndFileChecksNeverTouchLibtorch() {
    noClasses().that().resideInAPackage(PYTORCH + "..")
        .and().haveSimpleNameStartingWith("MakeDotOptions")
        .or().haveSimpleNameStartingWith("ModuleSpan")
        .or().haveSimpleNameStartingWith("ModulePlacement")
        .or().haveSimpleNameStartingWith("ForwardArgument")
        .or().haveSimpleNameStartingWith("Archives")
        .or().haveSimpleNameStartingWith("LibtorchUnavailableException")
        .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
        .because("plain data and rules must work without loading libtorch")
        .check(CLASSES);
  }

  @Test
  void theCaptureMakesDataAndDrawsNothing() {
    noClasses().that().resideInAPackage(PYTORCH + "..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.torchviz4j.drawing..", "io.github.torchviz4j.layout..", "org.eclipse.elk..")
        .because("capture -> Graph (data only) -> drawing: the capture never formats or lays out")
        .check(CLASSES);
  }

  @Test
  void noCyclesBetweenTheApiAndItsInternals() {
    slices().matching("io.github.torchviz4j.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
