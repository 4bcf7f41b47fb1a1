package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.sign.IdentityRule;
import io.hullscope.sign.TrustPolicy;
import io.hullscope.sign.TrustedKey;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTrustSettingsStoreTest {

  @TempDir Path work;

  private Path folder;
  private FolderTrustSettingsStore store;

  @BeforeEach
  void createStore() {
    folder = work.resolve("trust");
    store = new FolderTrustSettingsStore(folder);
  }

  @Test
  void emptyFolderTrustsNothing() throws IOException {
    assertThat(store.load().isEmpty()).isTrue();
    assertThat(store.list()).isEmpty();
    assertThat(Files.exists(folder)).isFalse();
  }

  @Test
  void addedKeyIsListedAndLoaded() throws Exception {
    KeyPair key = TrustFiles.ecKey();
    Path file = TrustFiles.writePublicKey(work.resolve("cosign.pub"), key.getPublic());

    store.addKey(file);

    assertThat(folder.resolve("keys/cosign.pub.pem")).exists();
    String fingerprint = TrustedKey.fingerprint(key.getPublic());
    assertThat(store.list()).containsExactly(
        new TrustEntry(TrustEntry.Type.KEY, "cosign.pub.pem", fingerprint, null));
    assertThat(store.load().keys()).extracting(TrustedKey::fingerprint).containsExactly(fingerprint);
  }

  @Test
  void keyWithSameNameIsRejected() throws Exception {
    Path file = TrustFiles.writePublicKey(work.resolve("signer.pem"), TrustFiles.ecKey().getPublic());
    store.addKey(file);
    Path other = TrustFiles.writePublicKey(work.resolve("other/signer.pem"), TrustFiles.ecKey().getPublic());

    assertThatThrownBy(() -> store.addKey(other)).isInstanceOf(IOException.class)
        .hasMessageContaining("signer.pem is already in");
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void garbageKeyIsRejectedAndNotCopied() throws IOException {
    Path garbage = Files.write(work.resolve("garbage.pem"), new byte[] {0, 1, 2, (byte) 0xff, 0x7f, 10});

    assertThatThrownBy(() -> store.addKey(garbage)).isInstanceOf(IOException.class)
        .hasMessageContaining("garbage.pem");
    assertThat(folder.resolve("keys/garbage.pem")).doesNotExist();
  }

  @Test
  void oversizedKeyIsRejected() throws IOException {
    Path large = Files.write(work.resolve("large.pem"), new byte[(1 << 20) + 1]);

    assertThatThrownBy(() -> store.addKey(large)).isInstanceOf(IOException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void missingKeyFileIsRejected() {
    assertThatThrownBy(() -> store.addKey(work.resolve("absent.pem"))).isInstanceOf(IOException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void keyChangedOutsideIsListedWithProblem() throws IOException {
    Files.createDirectories(folder.resolve("keys"));
    Files.writeString(folder.resolve("keys/broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

    List<TrustEntry> entries = store.list();

    assertThat(entries).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo("broken.pem");
      assertThat(entry.problem()).contains("broken.pem");
    });
    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class).hasMessageContaining("broken.pem");
  }

  @Test
  void removeDeletesKeyFile() throws Exception {
    store.addKey(TrustFiles.writePublicKey(work.resolve("a.pem"), TrustFiles.ecKey().getPublic()));

    store.remove(store.list().get(0));

    assertThat(folder.resolve("keys/a.pem")).doesNotExist();
    assertThat(store.load().keys()).isEmpty();
  }

  @Test
  void removeRejectsTraversalName() throws IOException {
    Files.createDirectories(folder.resolve("keys"));
    Path outside = Files.writeString(folder.resolve("identities.yaml"), "[]");

    assertThatThrownBy(() -> store.remove(new TrustEntry(TrustEntry.Type.KEY, "../identities.yaml", "", null)))
        .isInstanceOf(IOException.class).hasMessageContaining("invalid trust settings file name");
    assertThat(outside).exists();
  }

  @Test
  void rootsAreListedWithSubjectAndExpiry() throws Exception {
    Path pem = TrustFiles.certificate(work, "pem-root", "CN=PEM Root", true);
    Path der = TrustFiles.certificate(work, "der-root", "CN=DER Root", false);

    store.addRoot(pem);
    store.addRoot(der);

    assertThat(store.list()).extracting(TrustEntry::summary)
        .anySatisfy(summary -> assertThat(summary).startsWith("CN=PEM Root, expires "))
        .anySatisfy(summary -> assertThat(summary).startsWith("CN=DER Root, expires "));
    assertThat(store.load().roots()).hasSize(2);
  }

  @Test
  void rootWithWrongExtensionIsRejected() throws Exception {
    Path pem = TrustFiles.certificate(work, "root", "CN=Root", true);
    Path renamed = Files.copy(pem, work.resolve("root.txt"));

    assertThatThrownBy(() -> store.addRoot(renamed)).isInstanceOf(IOException.class)
        .hasMessageContaining("must end in .pem, .crt or .cer");
  }

  @Test
  void rootThatIsAKeyIsRejected() throws Exception {
    Path key = TrustFiles.writePublicKey(work.resolve("key.pem"), TrustFiles.ecKey().getPublic());

    assertThatThrownBy(() -> store.addRoot(key)).isInstanceOf(IOException.class).hasMessageContaining("key.pem");
    assertThat(folder.resolve("roots/key.pem")).doesNotExist();
  }

  @Test
  void identitiesAreWrittenAndLoaded() throws IOException {
    store.addIdentity(new TrustedIdentity("release", "https://github.com/acme/app/.github/workflows/release.yml@"
        + "refs/heads/main", false, "https://token.actions.githubusercontent.com", false));
    store.addIdentity(new TrustedIdentity("team", ".*@acme\\.example", true, "https://accounts.google.com", false));

    String yaml = Files.readString(folder.resolve("identities.yaml"));
    assertThat(yaml).contains("subjectPattern: \".*@acme\\\\.example\"").contains("issuer: \"https://accounts.google.com\"");
    List<IdentityRule> rules = store.load().identities();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(1).matches("dev@acme.example", "https://accounts.google.com")).isTrue();
    // The exact issuer is quoted, so its dots do not match other characters.
    assertThat(rules.get(1).matches("dev@acme.example", "https://accountsXgoogle.com")).isFalse();
    assertThat(rules.get(0).regex()).isFalse();
  }

  @Test
  void duplicateIdentityNameIsRejected() throws IOException {
    store.addIdentity(new TrustedIdentity("ci", "a@example.com", false, "https://issuer.example", false));

    assertThatThrownBy(() -> store.addIdentity(new TrustedIdentity("ci", "b@example.com", false,
        "https://issuer.example", false))).isInstanceOf(IOException.class).hasMessageContaining("already exists");
  }

  @Test
  void identityWithInvalidPatternIsRejected() {
    assertThatThrownBy(() -> new TrustedIdentity("bad", "([a-z", true, "https://issuer.example", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject pattern is not a valid");
  }

  @Test
  void identityWithBlankIssuerIsRejected() {
    assertThatThrownBy(() -> new TrustedIdentity("bad", "a@example.com", false, " ", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer is missing");
  }

  @Test
  void identitiesMappingIsListedWithProblem() throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("identities.yaml"), "name: not a list\n");

    assertThat(store.list()).singleElement().satisfies(entry -> {
      assertThat(entry.type()).isEqualTo(TrustEntry.Type.IDENTITY);
      assertThat(entry.problem()).contains("must be a list");
    });
    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class).hasMessageContaining("identities.yaml");
  }

  @Test
  void identityWithBothSubjectFormsIsRejected() throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("identities.yaml"),
        "- name: both\n  subject: a@example.com\n  subjectPattern: .*\n  issuer: https://issuer.example\n");

    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class)
        .hasMessageContaining("identities.yaml, line 1: write either 'subject' or 'subjectPattern', not both");
  }

  @Test
  void identityWithNonTextSubjectIsRejected() throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("identities.yaml"),
        "- name: list\n  subject: [a, b]\n  issuer: https://issuer.example\n");

    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class)
        .hasMessageContaining("identities.yaml, line 2: 'subject' must be a non-empty text");
  }

  @Test
  void binaryIdentitiesFileIsRejected() throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("identities.yaml"), new byte[] {(byte) 0xfe, (byte) 0xff, 0, 0, '[', '{', 0x01});

    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class).hasMessageContaining("identities.yaml");
  }

  @Test
  void deeplyNestedIdentitiesFileIsRejected() throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("identities.yaml"), "[".repeat(5000) + "]".repeat(5000));

    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class).hasMessageContaining("identities.yaml");
  }

  @Test
  void oversizedIdentitiesFileIsRejected() throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("identities.yaml"), new byte[(int) FolderTrustSettingsStore.MAX_IDENTITIES_FILE + 1]);

    assertThatThrownBy(() -> store.load()).isInstanceOf(IOException.class).hasMessageContaining("larger than");
  }

  @Test
  void unreadableIdentitiesFileIsRemovedWhole() throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("identities.yaml"), "{ not: [valid");

    store.remove(store.list().get(0));

    assertThat(folder.resolve("identities.yaml")).doesNotExist();
  }

  @Test
  void trustedRootThatIsNotObjectIsRejected() throws IOException {
    Path file = Files.writeString(work.resolve("trusted_root.json"), "[1, 2]");

    assertThatThrownBy(() -> store.setTrustedRoot(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a JSON object");
    assertThat(folder.resolve("trusted_root.json")).doesNotExist();
  }

  @Test
  void trustedRootWithoutAuthoritiesIsRejected() throws IOException {
    Path file = Files.writeString(work.resolve("trusted_root.json"), "{\"mediaType\": 5}");

    assertThatThrownBy(() -> store.setTrustedRoot(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("trusted_root.json");
    assertThat(folder.resolve("trusted_root.json")).doesNotExist();
  }

  @Test
  void publicGoodTrustedRootIsSetAndLoaded() throws IOException {
    Path file = TestData.file("signatures/sigstore-bundles/trusted_root_public_good.json");

    store.setTrustedRoot(file);

    assertThat(Files.mismatch(file, folder.resolve("trusted_root.json"))).isEqualTo(-1L);
    assertThat(store.load().sigstoreTrustedRoot()).isEqualTo(folder.resolve("trusted_root.json"));
    assertThat(store.list()).singleElement().satisfies(entry -> {
      assertThat(entry.type()).isEqualTo(TrustEntry.Type.TRUSTED_ROOT);
      assertThat(entry.problem()).isNull();
    });
  }

  @Test
  void policyLoadsRekorKeys() throws Exception {
    store.addRekorKey(TrustFiles.writePublicKey(work.resolve("rekor.pem"), TrustFiles.ecKey().getPublic()));

    TrustPolicy policy = store.load();

    assertThat(policy.rekorKeys()).hasSize(1);
    assertThat(policy.keys()).isEmpty();
    assertThat(store.list()).extracting(TrustEntry::type).containsExactly(TrustEntry.Type.REKOR_KEY);
  }
}
