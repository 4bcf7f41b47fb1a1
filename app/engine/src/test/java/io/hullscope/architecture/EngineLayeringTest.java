package io.hullscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's packages layered in the order docs/architecture.md lists them: a package
 * may use the packages listed before it, never those after it. Nothing in the engine touches
 * JavaFX or the UI.
 */
class EngineLayeringTest {

  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hullscope");
  }

  @Test
  void packagesOnlyUseLowerLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("image").definedBy("io.hullscope.image..")
        .layer("source").definedBy("io.hullscope.source..")
        .layer("index").definedBy("io.hullscope.index..")
        .layer("sbom").definedBy("io.hullscope.sbom..")
        .layer("vuln").definedBy("io.hullscope.vuln..")
        .layer("sign").definedBy("io.hullscope.sign..")
        .layer("check").definedBy("io.hullscope.check..")
        .layer("report").definedBy("io.hullscope.report..")
        .layer("compare").definedBy("io.hullscope.compare..")
        .layer("store").definedBy("io.hullscope.store..")
        .whereLayer("store").mayNotBeAccessedByAnyLayer()
        .whereLayer("compare").mayOnlyBeAccessedByLayers("store")
        .whereLayer("report").mayOnlyBeAccessedByLayers("compare", "store")
        .whereLayer("check").mayOnlyBeAccessedByLayers("report", "compare", "store")
        .whereLayer("sign").mayOnlyBeAccessedByLayers("check", "report", "compare", "store")
        .whereLayer("vuln").mayOnlyBeAccessedByLayers("check", "report", "compare", "store")
        .whereLayer("sbom").mayOnlyBeAccessedByLayers("vuln", "check", "report", "compare", "store")
        .whereLayer("index").mayOnlyBeAccessedByLayers("sbom", "vuln", "sign", "check", "report", "compare", "store")
        .whereLayer("source")
            .mayOnlyBeAccessedByLayers("index", "sbom", "vuln", "sign", "check", "report", "compare", "store")
        .check(engine);
  }

  @Test
  void imageModelDependsOnNoOtherEnginePackage() {
    noClasses()
        .that().resideInAPackage("io.hullscope.image..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.hullscope.source..", "io.hullscope.index..", "io.hullscope.store..")
        .check(engine);
  }

  @Test
  void engineNeverUsesJavaFxOrTheUi() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.hullscope.ui..", "io.hullscope.cli..")
        .check(engine);
  }

  @Test
  void dockerJavaStaysInsideTheDaemonAdapter() {
    noClasses()
        .that().resideOutsideOfPackage("io.hullscope.source.docker..")
        .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
        .check(engine);
  }
}
