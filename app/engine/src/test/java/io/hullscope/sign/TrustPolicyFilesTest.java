package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyFilesTest {

  @TempDir Path folder;

  @Test
  void loadsKeysCertificatesAndTrustedRoot() throws Exception {
    Path store = Files.createDirectories(folder.resolve("store"));
    Files.copy(CosignFixtures.path("cosign-legacy/pki/pki_root_crts.pem"), store.resolve("root.pem"));
    Files.writeString(store.resolve("README.txt"), "ignored: not a certificate file name");

    TrustPolicy policy = TrustPolicyFiles.load(List.of(CosignFixtures.path("cosign-legacy/cosign.pub")), store,
        List.of(), List.of(CosignFixtures.path("cosign-legacy/rekor.pub")),
        CosignFixtures.path("sigstore-bundles/trusted_root_public_good.json"));

    assertThat(policy.keys()).hasSize(1);
    assertThat(policy.keys().get(0).name()).isEqualTo("cosign.pub");
    assertThat(policy.roots()).isNotEmpty();
    assertThat(policy.rekorKeys()).hasSize(1);
  }

  @Test
  void garbageCertificateNamesFile() throws IOException {
    Path store = Files.createDirectories(folder.resolve("store"));
    Path bad = Files.write(store.resolve("bad.pem"), new byte[] {0x30, (byte) 0x82, 0x7f, (byte) 0xff, 1, 2, 3});

    assertThatThrownBy(() -> TrustPolicyFiles.load(List.of(), store, List.of(), List.of(), null))
        .isInstanceOf(IOException.class).hasMessageContaining(bad.toString());
  }

  @Test
  void garbageBase64KeyNamesFile() throws IOException {
    Path key = Files.writeString(folder.resolve("key.pem"),
        "-----BEGIN PUBLIC KEY-----\nMFkw!!!!EwYHKoZIzj0CAQ\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> TrustPolicyFiles.load(List.of(key), null, List.of(), List.of(), null))
        .isInstanceOf(IOException.class).hasMessageContaining(key.toString());
  }

  @Test
  void oversizedKeyFileIsRejected() throws IOException {
    Path key = Files.write(folder.resolve("huge.pem"), new byte[(int) TrustPolicyFiles.MAX_FILE_SIZE + 1]);

    assertThatThrownBy(() -> TrustPolicyFiles.load(List.of(key), null, List.of(), List.of(), null))
        .isInstanceOf(IOException.class).hasMessageContaining("larger than");
  }

  @Test
  void invalidTrustedRootNamesFile() throws IOException {
    Path root = Files.writeString(folder.resolve("trusted_root.json"), "[1, 2");

    assertThatThrownBy(() -> TrustPolicyFiles.load(List.of(), null, List.of(), List.of(), root))
        .isInstanceOf(IOException.class).hasMessageContaining(root.toString());
  }
}
