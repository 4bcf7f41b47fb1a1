package io.hullscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.sign.IdentityRule;
import io.hullscope.sign.SignatureFinder;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.TrustFolder;
import io.hullscope.sign.TrustPolicy;
import io.hullscope.sign.TrustPolicyFiles;
import io.hullscope.source.registry.DockerConfigCredentials;
import io.hullscope.source.registry.RegistryClient;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.store.AppPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hullscope verify}: finds the signatures of a registry image and verifies them against the
 * keys, certificates and identities given on the command line, or else against the trust folder
 * in the data folder, which the desktop's trust settings write.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Finds the cosign, Sigstore and notation signatures of a registry image and verifies them.",
        "Without --trust or any other trust option, the trust folder <data folder>/trust is used (the desktop's"
            + " trust settings); with options only, only what they name is trusted.",
        "Exit codes: 0 at least one signature verified, 1 none verified or unsigned, 2 invalid usage or input."})
final class VerifyCommand implements Callable<Integer> {

  /** Exit code when no signature verified. */
  static final int EXIT_NOT_VERIFIED = 1;
  /** Exit code for invalid options, unreadable trust files or a registry that cannot be read. */
  static final int EXIT_INPUT_ERROR = 2;

  /** Output formats of {@code --format}. */
  enum Format { text, json }

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", description = "Registry image: REGISTRY/REPOSITORY:TAG or @DIGEST, with or"
      + " without the docker:// prefix.")
  private String image;

  @Option(names = "--key", paramLabel = "FILE", description = "PEM public key (ECDSA P-256/P-384, RSA, Ed25519) to"
      + " trust for cosign key signatures; repeatable.")
  private List<Path> keys = new ArrayList<>();

  @Option(names = "--certificate-identity", paramLabel = "ID", description = "Expected keyless signer: the"
      + " certificate's email or URI.")
  private String identity;

  @Option(names = "--certificate-identity-regexp", paramLabel = "REGEX", description = "Expected keyless signer as a"
      + " regular expression over the whole identity.")
  private String identityRegex;

  @Option(names = "--certificate-oidc-issuer", paramLabel = "URL", description = "Expected OIDC issuer of the"
      + " keyless signer, for example https://token.actions.githubusercontent.com.")
  private String issuer;

  @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "REGEX", description = "Expected OIDC issuer as a"
      + " regular expression.")
  private String issuerRegex;

  @Option(names = "--trust", paramLabel = "DIR", description = "Trust folder (keys/, roots/, rekor/,"
      + " trusted_root.json, identities.yaml) to use instead of <data folder>/trust; the other trust options add"
      + " to it.")
  private Path trustFolder;

  @Option(names = "--trust-store", paramLabel = "DIR", description = "Folder of root certificates (*.pem, *.crt,"
      + " *.cer) for notation and cosign certificate chains.")
  private Path trustStore;

  @Option(names = "--trusted-root", paramLabel = "FILE", description = "Sigstore trusted_root.json with the Fulcio"
      + " and Rekor keys for keyless signatures; read offline.")
  private Path trustedRoot;

  @Option(names = "--rekor-key", paramLabel = "FILE", description = "PEM public key of a Rekor log, to check"
      + " cosign Rekor bundles; repeatable.")
  private List<Path> rekorKeys = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Registry to reach over plain"
      + " HTTP. Certificates of HTTPS registries are always checked.")
  private List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--registry-ca", paramLabel = "FILE", description = "PEM file of certificate authorities to"
      + " trust for the registry.")
  private Path registryCa;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  private Format format;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ImageReference reference;
    TrustPolicy policy;
    try {
      reference = parseReference();
      policy = trustPolicy();
    } catch (IOException | IllegalArgumentException e) {
      err.println("hullscope: " + FailurePrinter.describe(e));
      err.flush();
      return EXIT_INPUT_ERROR;
    }
    Digest digest;
    List<SignatureResult> results;
    try {
      RegistryClient client = RegistryClient.create(reference.registry(), registryOptions(reference.registry()));
      digest = client.resolveDigest(reference.repository(), reference.digest() != null
          ? reference.digest().toString() : reference.tag());
      results = new SignatureFinder(client, policy).find(reference.repository(), digest);
    } catch (IOException | GeneralSecurityException e) {
      err.println("hullscope: cannot read the signatures of " + reference + ": " + FailurePrinter.describe(e));
      err.flush();
      return EXIT_INPUT_ERROR;
    }
    boolean verified = results.stream().anyMatch(result -> result.verdict().isVerified());
    print(reference, digest, results, verified);
    return verified ? 0 : EXIT_NOT_VERIFIED;
  }

  /**
   * Reads the trust folder (the one of {@code --trust}, else the default one when no trust option
   * is given) and adds what the other options name.
   */
  private TrustPolicy trustPolicy() throws IOException {
    TrustPolicy options = TrustPolicyFiles.load(keys, trustStore, identityRules(), rekorKeys, trustedRoot);
    boolean anyOption = !keys.isEmpty() || trustStore != null || !options.identities().isEmpty()
        || !rekorKeys.isEmpty() || trustedRoot != null;
    Path folder = trustFolder;
    if (folder == null && !anyOption) {
      folder = AppPaths.dataDir().resolve(TrustFolder.DEFAULT_NAME);
    }
    if (folder == null) {
      return options;
    }
    if (trustFolder != null && !Files.isDirectory(trustFolder)) {
      throw new IOException("the trust folder " + trustFolder + " does not exist");
    }
    return new TrustFolder(folder).load().plus(options);
  }

  private ImageReference parseReference() {
    boolean prefixed = image.startsWith(ImageTarget.REGISTRY_PREFIX);
    if (!prefixed && Files.exists(Path.of(image))) {
      // An archive or layout on disk carries no signatures: cosign and notation keep them in the registry.
      throw new IllegalArgumentException(image + " is a file or folder; signatures live in the registry next to"
          + " the image, so give the pushed image as REGISTRY/REPOSITORY:TAG or @DIGEST (docker://... works too)");
    }
    if (!prefixed && (image.startsWith("/") || image.startsWith("./") || image.startsWith("../")
        || image.endsWith(".tar") || image.endsWith(".tar.gz"))) {
      throw new IllegalArgumentException(image + " was not found, and it looks like a file path; verify reads the"
          + " signatures of a pushed image, REGISTRY/REPOSITORY:TAG or @DIGEST");
    }
    String text = prefixed ? image.substring(ImageTarget.REGISTRY_PREFIX.length()) : image;
    try {
      return ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid image reference '" + image + "': " + e.getMessage()
          + "; write REGISTRY/REPOSITORY:TAG", e);
    }
  }

  /** Turns the identity options into at most one rule; an identity needs an issuer and the other way round. */
  private List<IdentityRule> identityRules() {
    boolean anyIdentity = identity != null || identityRegex != null;
    boolean anyIssuer = issuer != null || issuerRegex != null;
    if (!anyIdentity && !anyIssuer) {
      return List.of();
    }
    if (!anyIdentity || !anyIssuer) {
      throw new IllegalArgumentException("keyless verification needs both --certificate-identity(-regexp) and"
          + " --certificate-oidc-issuer(-regexp)");
    }
    if (identityRegex == null && issuerRegex == null) {
      return List.of(new IdentityRule(identity, issuer, false));
    }
    String subjectPattern = identityRegex != null ? identityRegex : Pattern.quote(identity);
    String issuerPattern = issuerRegex != null ? issuerRegex : Pattern.quote(issuer);
    try {
      return List.of(new IdentityRule(subjectPattern, issuerPattern, true));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression: " + e.getDescription() + " in " + e.getPattern(), e);
    }
  }

  private RegistryOptions registryOptions(String host) throws IOException {
    RegistryHostSettings settings = RegistryHostSettings.DEFAULT;
    if (insecureRegistries.contains(host)) {
      settings = settings.withInsecure(true);
    }
    if (registryCa != null) {
      settings = settings.withCaFile(registryCa);
    }
    return RegistryOptions.DEFAULT.withCredentialStore(DockerConfigCredentials.fromEnvironment()).withHost(host, settings);
  }

  private void print(ImageReference reference, Digest digest, List<SignatureResult> results, boolean verified) {
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("image", reference.toString());
      root.put("digest", digest.toString());
      root.put("verified", verified);
      List<Map<String, Object>> signatures = new ArrayList<>();
      for (SignatureResult result : results) {
        signatures.add(json(result));
      }
      root.put("signatures", signatures);
      root.put("notes", List.of(SignatureFinder.CONTENT_TRUST_NOTE));
      try {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the JSON output", e);
      }
    } else {
      out.println(reference + "@" + digest);
      if (results.isEmpty()) {
        out.println("  no signatures found (cosign .sig/.att tags, notation and Sigstore referrers)");
      }
      for (SignatureResult result : results) {
        out.println("  " + result.kind() + "  " + result.location());
        if (result.predicateType() != null) {
          out.println("    predicate: " + result.predicateType());
        }
        if (result.signer() != null) {
          out.println("    signer:    " + result.signer());
        }
        if (result.signedAt() != null) {
          out.println("    time:      " + result.signedAt());
        }
        out.println("    verdict:   " + (result.verdict().isVerified()
            ? "VERIFIED by " + result.verdict().matchedRule()
            : "NOT VERIFIED (" + result.verdict().reason() + "): " + result.verdict().detail()));
        result.notes().forEach(note -> out.println("    note:      " + note));
      }
      out.println(verified ? "verified" : "not verified");
    }
    out.flush();
  }

  private static Map<String, Object> json(SignatureResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", result.kind().name());
    map.put("location", result.location());
    map.put("signer", result.signer());
    map.put("time", result.signedAt() == null ? null : result.signedAt().toString());
    map.put("predicateType", result.predicateType());
    map.put("verdict", result.verdict().status().name());
    map.put("matchedRule", result.verdict().matchedRule());
    map.put("reason", result.verdict().reason() == null ? null : result.verdict().reason().name());
    map.put("detail", result.verdict().detail());
    map.put("notes", result.notes());
    return map;
  }
}
