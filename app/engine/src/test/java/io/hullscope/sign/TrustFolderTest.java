package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustFolderTest {

  @TempDir Path folder;

  @Test
  void missingFolderTrustsNothing() throws IOException {
    TrustPolicy policy = new TrustFolder(folder.resolve("absent")).load();

    assertThat(policy.isEmpty()).isTrue();
    assertThat(policy.sigstoreTrustedRoot()).isNull();
  }

  @Test
  void savedEntriesLoadBack() throws Exception {
    TrustFolder trust = new TrustFolder(folder);
    KeyPair key = TestCertificates.ec("secp256r1");
    KeyPair caKey = TestCertificates.ec("secp256r1");
    X509Certificate root = TestCertificates.ca("CN=Folder Root", caKey);

    trust.saveKey("release.pem", TestCertificates.pem(key.getPublic()));
    trust.saveRekorKey("rekor.pem", TestCertificates.pem(TestCertificates.ec("secp256r1").getPublic()));
    trust.saveRoot("company.crt", root.getEncoded());
    trust.saveIdentity(new IdentityRule("dev@example.com", "https://issuer.example", false, "developer"));
    trust.saveIdentity(new IdentityRule(".*@example\\.com", "https://issuer\\.example", true, "anyone"));
    TrustPolicy policy = trust.load();

    assertThat(policy.keys()).singleElement().satisfies(trusted -> {
      assertThat(trusted.name()).isEqualTo("release.pem");
      assertThat(trusted.key()).isEqualTo(key.getPublic());
    });
    assertThat(policy.rekorKeys()).hasSize(1);
    assertThat(policy.roots()).containsExactly(root);
    assertThat(policy.describeRoot(root)).contains("company.crt").contains("CN=Folder Root");
    assertThat(policy.identities()).extracting(IdentityRule::name).containsExactly("developer", "anyone");
    assertThat(policy.identities().get(0).matches("dev@example.com", "https://issuer.example")).isTrue();
    assertThat(policy.identities().get(1).matches("ops@example.com", "https://issuer.example")).isTrue();
    assertThat(policy.identities().get(1).matches("ops@example.org", "https://issuer.example")).isFalse();
  }

  @Test
  void removedEntriesAreGone() throws Exception {
    TrustFolder trust = new TrustFolder(folder);
    trust.saveKey("a.pem", TestCertificates.pem(TestCertificates.ec("secp256r1").getPublic()));
    trust.saveRoot("r.pem", TestCertificates.pem(TestCertificates.ca("CN=R", TestCertificates.ec("secp256r1")))
        .getBytes(StandardCharsets.US_ASCII));
    trust.saveIdentity(new IdentityRule("a@example.com", "https://issuer.example", false, "a"));

    assertThat(trust.removeKey("a.pem")).isTrue();
    assertThat(trust.removeKey("a.pem")).isFalse();
    assertThat(trust.removeRoot("r.pem")).isTrue();
    assertThat(trust.removeIdentity("a")).isTrue();
    assertThat(trust.removeIdentity("a")).isFalse();
    assertThat(trust.load().isEmpty()).isTrue();
  }

  @Test
  void existingKeyIsNotOverwritten() throws Exception {
    TrustFolder trust = new TrustFolder(folder);
    trust.saveKey("k.pem", TestCertificates.pem(TestCertificates.ec("secp256r1").getPublic()));

    assertThatThrownBy(() -> trust.saveKey("k.pem", TestCertificates.pem(TestCertificates.ec("secp256r1").getPublic())))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void traversalFileNameIsRejected() {
    TrustFolder trust = new TrustFolder(folder);

    for (String name : List.of("../evil.pem", "keys/../../x.pem", "/tmp/x.pem", ".hidden.pem", "noext")) {
      assertThatThrownBy(() -> trust.saveKey(name, "irrelevant")).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid file name");
    }
    assertThat(folder.getParent().resolve("evil.pem")).doesNotExist();
  }

  @Test
  void invalidKeyIsNotSaved() {
    TrustFolder trust = new TrustFolder(folder);

    assertThatThrownBy(() -> trust.saveKey("bad.pem", "not a key")).isInstanceOf(IOException.class)
        .hasMessageContaining("bad.pem");
    assertThat(folder.resolve("keys/bad.pem")).doesNotExist();
  }

  @Test
  void invalidFilesAreAllNamed() throws IOException {
    Files.createDirectories(folder.resolve("keys"));
    Files.createDirectories(folder.resolve("roots"));
    Files.write(folder.resolve("keys/garbage.pem"), new byte[] {1, 2, 3, (byte) 0xff});
    Files.write(folder.resolve("roots/broken.cer"), new byte[] {0x30, (byte) 0x82, 0x7f, (byte) 0xff, 1});
    Files.writeString(folder.resolve("keys/README.txt"), "not read: no .pem ending");

    assertThatThrownBy(() -> new TrustFolder(folder).load()).isInstanceOf(IOException.class)
        .hasMessageContaining("garbage.pem").hasMessageContaining("broken.cer");
  }

  @Test
  void invalidTrustedRootIsNamed() throws IOException {
    Files.writeString(folder.resolve(TrustFolder.TRUSTED_ROOT), "{ not json");

    assertThatThrownBy(() -> new TrustFolder(folder).load()).isInstanceOf(IOException.class)
        .hasMessageContaining(TrustFolder.TRUSTED_ROOT);
  }

  @Test
  void identityErrorsNameFileAndLine() throws IOException {
    String[][] cases = {
        {"- name: a\n  subject: x\n  issuer: y\n- name: b\n  subjet: x\n  issuer: y\n", "line 5", "unknown field 'subjet'"},
        {"- name: a\n  subject: x\n  subjectPattern: x\n  issuer: y\n", "line 1", "not both"},
        {"- name: a\n  issuer: y\n", "line 1", "no 'subject'"},
        {"- subject: x\n  issuer: y\n", "line 1", "no 'name'"},
        {"- name: a\n  subject: x\n  issuer: y\n- name: a\n  subject: z\n  issuer: y\n", "line 4", "used twice"},
        {"- name: a\n  subjectPattern: \"(\"\n  issuer: y\n", "line 1", "invalid regular expression"},
        {"- name: a\n  subject: [x]\n  issuer: y\n", "line 2", "non-empty text"},
        {"name: a\n", "line 1", "must be a list"},
        {"- name: a\n  subject: \"unterminated\n", "line", "invalid YAML"},
        {"- 7\n", "line 1", "must be a mapping"},
    };
    for (String[] c : cases) {
      Files.writeString(folder.resolve(TrustFolder.IDENTITIES), c[0]);

      assertThatThrownBy(() -> new TrustFolder(folder).identities()).as(c[0]).isInstanceOf(IOException.class)
          .hasMessageContaining(TrustFolder.IDENTITIES).hasMessageContaining(c[1]).hasMessageContaining(c[2]);
    }
  }

  @Test
  void identityFileRejectsHostileInput() throws IOException {
    Path file = folder.resolve(TrustFolder.IDENTITIES);
    Files.write(file, new byte[] {'-', ' ', 0, 1, 2});
    assertThatThrownBy(() -> new TrustFolder(folder).identities()).hasMessageContaining("NUL");

    Files.writeString(file, "[".repeat(500) + "]".repeat(500));
    assertThatThrownBy(() -> new TrustFolder(folder).identities()).isInstanceOf(IOException.class);

    Files.write(file, new byte[IdentityFile.MAX_BYTES + 1]);
    assertThatThrownBy(() -> new TrustFolder(folder).identities()).hasMessageContaining("larger than");

    String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    Files.writeString(file, bomb);
    assertThatThrownBy(() -> new TrustFolder(folder).identities()).isInstanceOf(IOException.class);
  }

  @Test
  void identityFileRoundTripsMixedRule() throws Exception {
    Files.writeString(folder.resolve(TrustFolder.IDENTITIES),
        "- name: ci\n  subject: https://ci.example/build\n  issuerPattern: https://issuer\\.example/.*\n");
    TrustFolder trust = new TrustFolder(folder);
    trust.saveIdentity(new IdentityRule("b@example.com", "https://issuer.example", false, "b"));

    String written = Files.readString(folder.resolve(TrustFolder.IDENTITIES));
    List<IdentityRule> rules = trust.identities();

    assertThat(written).contains("subject: \"https://ci.example/build\"").contains("issuerPattern:");
    assertThat(rules.get(0).matches("https://ci.example/build", "https://issuer.example/tenant")).isTrue();
    assertThat(rules.get(0).matches("https://ci.example/buildX", "https://issuer.example/tenant")).isFalse();
  }

  @Test
  void trickyValuesRoundTrip() throws Exception {
    TrustFolder trust = new TrustFolder(folder);
    List<String> values = List.of("2024", "true", "null", "no", "a: b", "- x", "#comment", "'quoted'", "\"double\"",
        "multi\nline", "ünïcödé", "1e3", "0x1F", "~");
    for (int i = 0; i < values.size(); i++) {
      trust.saveIdentity(new IdentityRule(values.get(i), "https://issuer.example/" + i, false, values.get(i)));
    }
    trust.saveIdentity(new IdentityRule("\\Qa.b\\E.*", "\\Qa\\E\\Qb\\E", true, "quoted and more"));

    List<IdentityRule> rules = trust.identities();

    assertThat(rules).hasSize(values.size() + 1);
    for (int i = 0; i < values.size(); i++) {
      assertThat(rules.get(i).name()).isEqualTo(values.get(i));
      assertThat(rules.get(i).subject()).isEqualTo(values.get(i));
      assertThat(rules.get(i).regex()).isFalse();
    }
    assertThat(rules.get(values.size()).subject()).isEqualTo("\\Qa.b\\E.*");
    assertThat(rules.get(values.size()).issuer()).isEqualTo("\\Qa\\E\\Qb\\E");
    assertThat(rules.get(values.size()).regex()).isTrue();
  }
}
