package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.sign.OciPusher;
import io.hullscope.testing.Ci;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hullscope verify} against images signed in the cosign classic layout in a real
 * distribution registry ({@code docker-registry} on loopback, found through {@code HULLSCOPE_REGISTRY}).
 */
@Tag("registry")
class VerifyCommandIT {

  @TempDir static Path work;

  static String host;
  static String repository;
  static OciPusher pusher;
  static KeyPair key;
  static Path publicKey;
  static Path otherPublicKey;

  @BeforeAll
  static void setUp() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    if (!Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)")) {
      return;
    }
    host = configured.strip();
    repository = "hullscope-verify/" + UUID.randomUUID().toString().substring(0, 8);
    pusher = new OciPusher(host, repository);
    key = generate();
    publicKey = writePem(work.resolve("cosign.pub"), key);
    otherPublicKey = writePem(work.resolve("other.pub"), generate());
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(host != null, "docker-registry (set HULLSCOPE_REGISTRY)");
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static Path writePem(Path file, KeyPair pair) throws Exception {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
    return Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
  }

  private record Result(int code, String out, String err) {}

  private static Result verify(String tag, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[options.length + 4];
    args[0] = "verify";
    args[1] = "docker://" + host + "/" + repository + ":" + tag;
    args[2] = "--insecure-registry";
    args[3] = host;
    System.arraycopy(options, 0, args, 4, options.length);
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void signedImageExitsZero() throws Exception {
    Digest image = pusher.image("signed");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), key, false);

    Result result = verify("signed", "--key", publicKey.toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("VERIFIED by key SHA256:");
  }

  @Test
  void otherKeyExitsOne() throws Exception {
    Digest image = pusher.image("other-key");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), key, false);

    Result result = verify("other-key", "--key", otherPublicKey.toString());

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out()).contains("BAD_SIGNATURE");
  }

  @Test
  void unsignedImageExitsOne() throws Exception {
    pusher.image("unsigned");

    Result result = verify("unsigned", "--key", publicKey.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("no signatures found");
  }

  @Test
  void jsonNamesVerdictAndReason() throws Exception {
    Digest image = pusher.image("json");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), key, true);

    Result result = verify("json", "--key", publicKey.toString(), "--format", "json");

    assertThat(result.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(result.out());
    assertThat(root.path("digest").asText()).isEqualTo(image.toString());
    assertThat(root.path("verified").asBoolean()).isFalse();
    assertThat(root.path("signatures").get(0).path("kind").asText()).isEqualTo("COSIGN_SIMPLE_SIGNING");
    assertThat(root.path("signatures").get(0).path("reason").asText()).isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void trustFolderKeyVerifies() throws Exception {
    Digest image = pusher.image("trust-folder");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), key, false);
    Path trust = work.resolve("trust-folder");
    Files.createDirectories(trust.resolve("keys"));
    Files.copy(publicKey, trust.resolve("keys/release.pem"));

    Result result = verify("trust-folder", "--trust", trust.toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("VERIFIED by key SHA256:").contains("(release.pem)");
  }

  @Test
  void defaultTrustFolderIsUsed() throws Exception {
    Digest image = pusher.image("default-trust");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), key, false);
    Path data = work.resolve("data");
    Files.createDirectories(data.resolve("trust/keys"));
    Files.copy(publicKey, data.resolve("trust/keys/default.pem"));
    String previous = System.setProperty("hullscope.data", data.toString());
    try {
      Result result = verify("default-trust");

      assertThat(result.code()).as(result.out() + result.err()).isZero();
      assertThat(result.out()).contains("(default.pem)");
    } finally {
      if (previous == null) {
        System.clearProperty("hullscope.data");
      } else {
        System.setProperty("hullscope.data", previous);
      }
    }
  }
}
