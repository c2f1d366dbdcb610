package io.github.torchviz4j.pytorch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

  /**
   * The API types that must see libtorch: they take or make tensors and modules, run models, name
   * libtorch's enums, or end the process past its destructors. Everything else of the module
   * (options, placement rules, archive and JSON readers, the module tree) is plain Java; the
   * capture's internals may use libtorch freely.
   */
  private static final Set<String> MAY_TOUCH_LIBTORCH = new TreeSet<>(List.of(
      "DType", "GradientCheck", "InputSpec", "ModuleNames", "ModuleRecorder", "ModuleScope", "Natives", "QuickExit",
      "Reduction", "TensorFiles", "TorchScriptModel", "TorchViz",
      "export.ExportedProgram", "export.Interpreter", "export.Payloads", "export.ProgramRun",
      "export.SerdeTypes"));

  private static final DescribedPredicate<JavaClass> MUST_TOUCH_LIBTORCH = DescribedPredicate.describe(
      "an internal class or one of " + MAY_TOUCH_LIBTORCH, c -> {
        String name = c.getName().substring(PYTORCH.length() + 1).split("\\$", 2)[0];
        return name.startsWith("internal.") || MAY_TOUCH_LIBTORCH.contains(name);
      });

  @Test
  void onlyWhatMustImportsLibtorch() {
    noClasses().that().resideInAPackage(PYTORCH + "..")
        .and(DescribedPredicate.not(MUST_TOUCH_LIBTORCH))
        .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
        .because("a new libtorch dependency outside the capture's internals is a decision: list it here")
        .check(CLASSES);
  }

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
