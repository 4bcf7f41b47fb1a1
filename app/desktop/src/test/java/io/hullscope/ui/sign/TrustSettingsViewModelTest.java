package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustSettingsViewModelTest {

  @TempDir Path work;

  private TrustSettingsViewModel viewModel;
  private int changes;

  @BeforeEach
  void createViewModel() {
    viewModel = new TrustSettingsViewModel(TrustSettingsStore.folder(work.resolve("trust")));
    viewModel.setOnChanged(() -> changes++);
  }

  @Test
  void addedKeyIsListedAndReported() throws Exception {
    viewModel.addKey(TrustFiles.writePublicKey(work.resolve("cosign.pub"), TrustFiles.ecKey().getPublic()));

    assertThat(viewModel.entries()).extracting(TrustEntry::name).containsExactly("cosign.pub.pem");
    assertThat(viewModel.errorProperty().get()).isEmpty();
    assertThat(changes).isEqualTo(1);
  }

  @Test
  void invalidKeyShowsErrorAndChangesNothing() throws Exception {
    Path text = Files.writeString(work.resolve("notes.pem"), "not a key");

    viewModel.addKey(text);

    assertThat(viewModel.errorProperty().get()).startsWith("Adding the key notes.pem failed: ")
        .contains("notes.pem");
    assertThat(viewModel.entries()).isEmpty();
    assertThat(changes).isZero();
  }

  @Test
  void identityFormAddsAndClears() {
    viewModel.identityNameProperty().set("release");
    viewModel.identitySubjectProperty().set("https://github.com/acme/app/.github/workflows/release.yml@.*");
    viewModel.subjectPatternProperty().set(true);
    viewModel.identityIssuerProperty().set("https://token.actions.githubusercontent.com");

    viewModel.addIdentity();

    assertThat(viewModel.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.type()).isEqualTo(TrustEntry.Type.IDENTITY);
      assertThat(entry.summary()).startsWith("subject pattern https://github.com/acme/app/");
    });
    assertThat(viewModel.identityNameProperty().get()).isEmpty();
    assertThat(viewModel.subjectPatternProperty().get()).isFalse();
    assertThat(changes).isEqualTo(1);
  }

  @Test
  void identityWithoutIssuerShowsError() {
    viewModel.identityNameProperty().set("release");
    viewModel.identitySubjectProperty().set("dev@example.com");

    viewModel.addIdentity();

    assertThat(viewModel.errorProperty().get()).isEqualTo("The identity is invalid: the identity's issuer is missing");
    assertThat(viewModel.identityNameProperty().get()).isEqualTo("release");
    assertThat(changes).isZero();
  }

  @Test
  void removeSelectedDropsEntry() throws Exception {
    viewModel.addKey(TrustFiles.writePublicKey(work.resolve("a.pem"), TrustFiles.ecKey().getPublic()));
    viewModel.selectedProperty().set(viewModel.entries().get(0));

    viewModel.removeSelected();

    assertThat(viewModel.entries()).isEmpty();
    assertThat(changes).isEqualTo(2);
  }
}
