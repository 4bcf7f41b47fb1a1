package io.hullscope.ui.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.source.registry.CredentialStore;
import io.hullscope.source.registry.RegistryHostSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryImageRequestTest {

  @Test
  void loopbackReferenceKeepsItsPort() {
    RegistryImageRequest request = RegistryImageRequest.of("127.0.0.1:5000/app:1.0", true, "", "", "");

    assertThat(request.reference().registry()).isEqualTo("127.0.0.1:5000");
    assertThat(request.reference().repository()).isEqualTo("app");
    assertThat(request.reference().tag()).isEqualTo("1.0");
    assertThat(request.username()).isNull();
    assertThat(request.password()).isNull();
  }

  @Test
  void hostSettingsCarryInsecureCaAndCredentials() {
    RegistryImageRequest request = RegistryImageRequest.of("registry.example.com/team/app@sha256:" + "a".repeat(64),
        false, " /etc/ca.pem ", "ci", "s3cret");

    RegistryHostSettings settings = request.options(CredentialStore.NONE).host("registry.example.com");

    assertThat(settings.insecure()).isFalse();
    assertThat(settings.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(settings.credentials().username()).isEqualTo("ci");
  }

  @Test
  void invalidReferenceIsRejected() {
    assertThatThrownBy(() -> RegistryImageRequest.of("127.0.0.1:5000/App:1.0", false, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryImageRequest.of("  ", false, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passwordIsNotPrinted() {
    RegistryImageRequest request = RegistryImageRequest.of("127.0.0.1:5000/app:1.0", true, null, "ci", "s3cret");

    assertThat(request.toString()).contains("user ci").doesNotContain("s3cret");
  }
}
