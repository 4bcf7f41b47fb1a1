package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sign.OciPusher;
import io.hullscope.source.registry.LocalRegistry;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.store.AppPaths;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.registry.RegistryImageRequest;
import io.hullscope.ui.task.FxTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Signatures tab and the image table's column in the real window, against a
 * {@code docker-registry} of its own on loopback. The good sample is pushed to three repositories:
 * one left unsigned, one signed in the cosign classic layout with a key made here, and one whose
 * signed payload was changed after signing. The key is in the trust settings of a data folder made
 * for the test. Without {@code docker-registry} and {@code skopeo} the tests are skipped, except
 * under {@code CI=true}.
 */
@Tag("registry")
@ExtendWith(ApplicationExtension.class)
class SignaturesWindowIT {

  private static final String REGISTRY_TOOLS = "docker-registry and skopeo (install both packages)";
  private static final long WAIT_SECONDS = 60;

  private static LocalRegistry registry;
  private static Path work;
  private static String previousDataFolder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/signatures-window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;

  @BeforeAll
  static void startRegistry() throws Exception {
    if (!Ci.checkServiceForClass(LocalRegistry.toolsAvailable(), REGISTRY_TOOLS)) {
      return;
    }
    work = Files.createTempDirectory("hullscope-signatures-window");
    registry = LocalRegistry.start(work.resolve("registry"), List.of(), List.of());
    Path sample = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/images/hygiene-good.tar");
    // Signatures belong to a repository, so one image in three repositories has three signature states.
    for (String repository : List.of("unsigned", "signed", "tampered")) {
      assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + sample,
          "docker://" + registry.host() + "/sig/" + repository + ":1.0")).as("skopeo copy").isTrue();
    }
    Digest digest;
    try (RegistrySource direct = new RegistrySource(registry.host(), List.of("sig/signed"),
        RegistryOptions.DEFAULT.withHost(registry.host(), RegistryHostSettings.DEFAULT.withInsecure(true)))) {
      digest = direct.client(registry.host()).resolveDigest("sig/signed", "1.0");
    }
    KeyPair key = TrustFiles.ecKey();
    OciPusher signed = new OciPusher(registry.host(), "sig/signed");
    signed.cosignSignature(digest, signed.simpleSigningPayload(digest), key, false);
    OciPusher tampered = new OciPusher(registry.host(), "sig/tampered");
    tampered.cosignSignature(digest, tampered.simpleSigningPayload(digest), key, true);

    Path data = work.resolve("data");
    TrustFiles.writePublicKey(data.resolve("trust/keys/release.pem"), key.getPublic());
    previousDataFolder = System.getProperty(AppPaths.DATA_PROPERTY);
    System.setProperty(AppPaths.DATA_PROPERTY, data.toString());
  }

  @AfterAll
  static void stopRegistry() throws IOException {
    if (registry != null) {
      registry.close();
    }
    if (previousDataFolder == null) {
      System.clearProperty(AppPaths.DATA_PROPERTY);
    } else {
      System.setProperty(AppPaths.DATA_PROPERTY, previousDataFolder);
    }
    if (work != null) {
      try (var paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(1);
    Path samples = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/images");
    String missingSocket = "unix://" + (work == null ? Path.of("/nonexistent") : work).resolve("no-docker.sock");
    window = MainWindow.create(stage, new AppSettings(samples, missingSocket), executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT), new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences));
    stage.show();
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(registry != null, REGISTRY_TOOLS);
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    preferences.removeNode();
  }

  @Test
  void unsignedImageSaysUnsigned(FxRobot robot) throws TimeoutException {
    openAndWait(robot, "sig/unsigned");

    assertThat(summary(robot)).startsWith("Unsigned: no cosign, Sigstore or notation signature");
    assertThat(robot.lookup("#signaturesNote").queryAs(Label.class).getText()).contains("Docker Content Trust");
    assertThat(robot.lookup("#signatures").queryAs(TableView.class).getItems()).isEmpty();
    assertThat(signatureCell(robot)).isEqualTo("unsigned");
  }

  @Test
  void signedImageIsVerifiedByTrustedKey(FxRobot robot) throws TimeoutException {
    openAndWait(robot, "sig/signed");

    assertThat(summary(robot)).isEqualTo("Verified: 1 of 1 signature matched a trusted key or identity.");
    @SuppressWarnings("unchecked")
    TableView<SignatureRow> table = robot.lookup("#signatures").queryAs(TableView.class);
    assertThat(table.getItems()).singleElement().satisfies(row -> {
      assertThat(row.kind()).isEqualTo("cosign signature");
      assertThat(row.verdict()).isEqualTo("Verified");
      assertThat(row.rule()).startsWith("key SHA256:");
    });
    assertThat(robot.lookup("Verified").tryQuery()).isPresent();
    assertThat(signatureCell(robot)).isEqualTo("verified");
  }

  @Test
  void tamperedSignatureFails(FxRobot robot) throws TimeoutException {
    openAndWait(robot, "sig/tampered");

    assertThat(summary(robot)).startsWith("Failed: the signature failed verification");
    @SuppressWarnings("unchecked")
    TableView<SignatureRow> table = robot.lookup("#signatures").queryAs(TableView.class);
    assertThat(table.getItems()).singleElement().satisfies(row ->
        assertThat(row.verdict()).isEqualTo("Not verified: bad signature"));
    assertThat(robot.lookup("Not verified: bad signature").tryQuery()).isPresent();
    assertThat(signatureCell(robot)).isEqualTo("failed");
  }

  private void openAndWait(FxRobot robot, String repository) throws TimeoutException {
    robot.interact(() -> window.viewModel().openRegistryImage(
        RegistryImageRequest.of(registry.host() + "/" + repository + ":1.0", true, null, null, null)));
    waitUntil(() -> window.viewModel().analysisProperty().get() != null);
    SignaturesViewModel signatures = window.viewModel().signatures();
    waitUntil(() -> !signatures.runningProperty().get() && !signatures.summaryProperty().get().isEmpty());
    robot.clickOn("#signaturesTab");
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#imageTabs").queryAs(TabPane.class);
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("signaturesTab");
  }

  private static String summary(FxRobot robot) {
    return robot.lookup("#signaturesSummary").queryAs(Label.class).getText();
  }

  /** Returns the text of the "Signature" cell of the image table's only row. */
  private static String signatureCell(FxRobot robot) {
    return robot.lookup("#images .table-cell").queryAllAs(TableCell.class).stream()
        .filter(cell -> cell.getTableColumn() != null && "signatureColumn".equals(cell.getTableColumn().getId()))
        .filter(cell -> cell.getIndex() == 0)
        .map(TableCell::getText)
        .findFirst().orElse(null);
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> condition.getAsBoolean());
  }
}
