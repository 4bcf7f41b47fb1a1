package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.sign.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The trust settings window driven headless through Monocle, with the file chooser replaced. */
@ExtendWith(ApplicationExtension.class)
class TrustSettingsDialogTest {

  @TempDir Path work;

  private TrustSettingsDialog dialog;
  private Path picked;
  private int changes;

  @Start
  void start(Stage stage) {
    // Monocle needs a scene on the owner before a modal window can disable it.
    stage.setScene(new Scene(new Pane(), 320, 200));
    stage.show();
    dialog = new TrustSettingsDialog(stage, work.resolve("trust"));
    dialog.setFilePicker((title, filters) -> picked);
    dialog.setOnChanged(() -> changes++);
    dialog.show();
  }

  @Test
  void keyIsAddedAndRemoved(FxRobot robot) throws Exception {
    KeyPair key = TrustFiles.ecKey();
    picked = TrustFiles.writePublicKey(work.resolve("release.pem"), key.getPublic());

    robot.clickOn("#trustAddKey");

    @SuppressWarnings("unchecked")
    TableView<TrustEntry> table = robot.lookup("#trustEntries").queryAs(TableView.class);
    assertThat(table.getItems()).singleElement().satisfies(entry -> {
      assertThat(entry.type()).isEqualTo(TrustEntry.Type.KEY);
      assertThat(entry.summary()).isEqualTo(TrustedKey.fingerprint(key.getPublic()));
    });
    assertThat(robot.lookup(TrustedKey.fingerprint(key.getPublic())).tryQuery()).isPresent();
    assertThat(work.resolve("trust/keys/release.pem")).exists();

    robot.clickOn("release.pem");
    robot.clickOn("#trustRemove");

    assertThat(table.getItems()).isEmpty();
    assertThat(work.resolve("trust/keys/release.pem")).doesNotExist();
    assertThat(changes).isEqualTo(2);
  }

  @Test
  void invalidKeyShowsErrorInline(FxRobot robot) throws Exception {
    picked = Files.writeString(work.resolve("notes.pem"), "not a key");

    robot.clickOn("#trustAddKey");
    WaitForAsyncUtils.waitForFxEvents();

    Label error = robot.lookup("#trustError").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText()).startsWith("Adding the key notes.pem failed: ");
    assertThat(changes).isZero();
  }

  @Test
  void identityFormAddsIdentity(FxRobot robot) {
    robot.clickOn("#trustIdentityName").write("ci");
    robot.clickOn("#trustIdentitySubject").write("dev@example.com");
    robot.clickOn("#trustIdentityIssuer").write("https://accounts.example.com");

    robot.clickOn("#trustAddIdentity");

    @SuppressWarnings("unchecked")
    TableView<TrustEntry> table = robot.lookup("#trustEntries").queryAs(TableView.class);
    assertThat(table.getItems()).singleElement().satisfies(entry ->
        assertThat(entry.summary()).isEqualTo("subject dev@example.com, issuer https://accounts.example.com"));
    assertThat(work.resolve("trust/identities.yaml")).exists();
  }
}
