package io.hullscope.report;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyverno admission policies for one image, as multi-document YAML ready for {@code kubectl apply}.
 *
 * <p>Four {@code ClusterPolicy} documents (kyverno.io/v1): images only from the registries the image
 * is known under; pods that run as non-root, with a default {@code runAsUser} for pods labelled
 * with the image's name; no {@code latest} and no missing tag; and signature verification with
 * {@code verifyImages} for the signers that {@link ImageFacts#signatures()} lists. Without a signer
 * the last policy is a commented template.
 *
 * <p>Signers are read in these forms: {@code SUBJECT (issuer ISSUER)}, {@code subject=SUBJECT
 * issuer=ISSUER} or {@code SUBJECT issuer=ISSUER} for keyless (Fulcio) identities, an e-mail
 * address or URL alone for a keyless subject with an unknown issuer, and anything else as the
 * fingerprint of a public key, whose PEM the user pastes in.
 *
 * <p>Every scalar is written double-quoted with JSON escapes, which YAML reads the same way, so no
 * value from the image can break the structure.
 */
public final class KyvernoPolicies {

  private static final Pattern KEYLESS_PAREN = Pattern.compile("^(?:subject[=:]\\s*)?(\\S+)\\s+\\(issuer[=:]?\\s*(\\S+)\\)$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern KEYLESS_PAIRS = Pattern.compile("^(?:subject[=:]\\s*)?(\\S+?),?\\s+issuer[=:]\\s*(\\S+)$",
      Pattern.CASE_INSENSITIVE);
  private static final int MAX_NAME = 63;

  private KyvernoPolicies() {}

  /** Returns the policies for an image as YAML. */
  public static String suggest(HardeningReport report, ImageFacts facts) {
    List<ImageReference> references = references(facts.references());
    String slug = slug(references, report.imageName());
    long uid = suggestedUid(report.user());
    StringBuilder out = new StringBuilder();
    out.append("# Kyverno policies suggested by Hullscope for ").append(oneLine(report.imageName())).append(".\n");
    out.append("# Apply with kubectl apply -f FILE after review. They use spec.validationFailureAction, which\n");
    out.append("# Kyverno 1.13 and later still accept but deprecate in favour of validate.failureAction per rule.\n");
    out.append("# Start with \"Audit\" in place of \"Enforce\" to see what they would block.\n");
    out.append(allowedRegistries(slug, references, implicitDockerHub(facts.references())));
    out.append(nonRoot(slug, uid));
    out.append(noLatest(slug));
    out.append(verifyImages(slug, references, facts));
    return out.toString();
  }

  private static String allowedRegistries(String slug, List<ImageReference> references, List<String> implicit) {
    Set<String> registries = new LinkedHashSet<>();
    references.forEach(r -> registries.add(r.registry()));
    List<String> comments = new ArrayList<>();
    String pattern;
    if (registries.isEmpty()) {
      pattern = DockerfilePlaceholders.marker("registry") + "/*";
      comments.add("# The image has no reference, so replace " + DockerfilePlaceholders.marker("registry")
          + " with the registry your images come from.");
    } else {
      pattern = String.join(" | ", registries.stream().map(r -> r + "/*").toList());
      if (!implicit.isEmpty()) {
        comments.add("# " + oneLine(implicit.get(0)) + " names no registry, so docker.io below is Docker's default,");
        comments.add("# not a fact about this image. If it is a local build or comes from a private registry,");
        comments.add("# replace docker.io with the registry your images come from.");
      }
      if (registries.contains(ImageReference.DOCKER_HUB)) {
        comments.add("# Docker Hub images are often written without a registry (nginx:1.27); write them as");
        comments.add("# docker.io/library/nginx:1.27 in pods, or add the short forms to the pattern.");
      }
    }
    StringBuilder out = new StringBuilder("---\n");
    comments.forEach(c -> out.append(c).append('\n'));
    out.append(header(name(slug, "allowed-registries"), "Allowed registries",
        "Pods may run images only from the registries this image is published to."));
    out.append("""
          rules:
            - name: "allowed-registries"
        %s
              validate:
                message: %s
                pattern:
                  spec:
        %s
        """.formatted(podMatch(), q("Images must come from " + pattern.replace(" | ", " or ") + "."),
        allContainers("image: " + q(pattern))));
    return out.toString();
  }

  private static String nonRoot(String slug, long uid) {
    StringBuilder out = new StringBuilder("---\n");
    out.append(header(name(slug, "run-as-non-root"), "Run as non-root",
        "Pods must set runAsNonRoot, and no container may set runAsUser 0."));
    out.append("""
          rules:
            - name: "run-as-non-root"
        %s
              validate:
                message: "Set securityContext.runAsNonRoot: true for the pod, and no runAsUser 0."
                pattern:
                  spec:
                    securityContext:
                      runAsNonRoot: true
                      "=(runAsUser)": ">0"
        %s
        """.formatted(podMatch(), allContainers("\"=(securityContext)\":\n  \"=(runAsNonRoot)\": true\n"
        + "  \"=(runAsUser)\": \">0\"")));
    out.append("---\n");
    out.append("# Gives pods labelled app.kubernetes.io/name: ").append(slug).append(" the user the image should run as,\n");
    out.append("# unless they set one; adjust the label to how your pods are labelled.\n");
    out.append(header(name(slug, "default-user"), "Default user for " + slug,
        "Adds runAsNonRoot, runAsUser and runAsGroup " + uid + " to pods of this application that set none.",
        false));
    out.append("""
          rules:
            - name: "default-user"
              match:
                any:
                  - resources:
                      kinds:
                        - "Pod"
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: %s
              mutate:
                patchStrategicMerge:
                  spec:
                    securityContext:
                      "+(runAsNonRoot)": true
                      "+(runAsUser)": %d
                      "+(runAsGroup)": %d
        """.formatted(q(slug), uid, uid));
    return out.toString();
  }

  private static String noLatest(String slug) {
    StringBuilder out = new StringBuilder("---\n");
    out.append(header(name(slug, "disallow-latest-tag"), "Disallow the latest tag",
        "Images need a tag or digest, and the tag may not be latest, so a pod always runs a known build."));
    out.append("""
          rules:
            - name: "require-image-tag"
        %s
              validate:
                message: "Name every image with a tag or a digest."
                pattern:
                  spec:
        %s
            - name: "disallow-latest-tag"
        %s
              validate:
                message: "The tag latest is mutable: use a version tag or a digest."
                pattern:
                  spec:
        %s
        """.formatted(podMatch(), allContainers("image: \"*:* | *@*\""), podMatch(),
        allContainers("image: \"!*:latest\"")));
    return out.toString();
  }

  private static String verifyImages(String slug, List<ImageReference> references, ImageFacts facts) {
    List<String> images = new ArrayList<>();
    for (ImageReference reference : references) {
      String image = reference.registry() + "/" + reference.repository() + "*";
      if (!images.contains(image)) {
        images.add(image);
      }
    }
    if (images.isEmpty()) {
      images.add(DockerfilePlaceholders.marker("registry") + "/" + DockerfilePlaceholders.marker("repository") + "*");
    }
    List<String> signers = facts.signatures() == null ? List.of() : facts.signatures().signers();
    StringBuilder policy = new StringBuilder();
    policy.append(header(name(slug, "verify-signature"), "Verify image signatures",
        "Pods may run this image only when a signature from a known signer verifies."));
    policy.append("  webhookTimeoutSeconds: 30\n");
    policy.append("  rules:\n");
    policy.append("    - name: \"verify-signature\"\n");
    policy.append(podMatch()).append('\n');
    policy.append("      verifyImages:\n");
    policy.append("        - imageReferences:\n");
    images.forEach(image -> policy.append("            - ").append(q(image)).append('\n'));
    policy.append("          mutateDigest: true\n");
    policy.append("          verifyDigest: true\n");
    policy.append("          attestors:\n");
    policy.append("            - count: 1\n");
    policy.append("              entries:\n");
    List<String> entries = signers.isEmpty() ? List.of("key-template", "keyless-template") : signers;
    for (String signer : entries) {
      policy.append(attestor(signer));
    }

    StringBuilder out = new StringBuilder("---\n");
    if (signers.isEmpty()) {
      out.append("# No signature of this image was found, so this policy is a template: sign the image with\n");
      out.append("# cosign, keep one of the two entries below, fill it in and remove the leading \"# \".\n");
      for (String line : policy.toString().split("\n")) {
        out.append("# ").append(line).append('\n');
      }
    } else {
      out.append("# Signers found for the image: ").append(oneLine(String.join(", ", signers))).append(".\n");
      out.append(policy);
    }
    return out.toString();
  }

  /** Writes one attestor entry for a signer, or a template entry. */
  private static String attestor(String signer) {
    String subject = null;
    String issuer = null;
    Matcher paren = KEYLESS_PAREN.matcher(signer.strip());
    Matcher pairs = KEYLESS_PAIRS.matcher(signer.strip());
    if (paren.matches()) {
      subject = paren.group(1);
      issuer = paren.group(2);
    } else if (pairs.matches()) {
      subject = pairs.group(1);
      issuer = pairs.group(2);
    } else if ("keyless-template".equals(signer) || signer.contains("@") || signer.startsWith("https://")) {
      subject = "keyless-template".equals(signer) ? DockerfilePlaceholders.marker("signer-identity") : signer.strip();
    }
    if (subject != null) {
      String issuerValue = issuer != null ? issuer : DockerfilePlaceholders.marker("oidc-issuer");
      return """
                          - keyless:
                              subject: %s
                              issuer: %s
                              rekor:
                                url: "https://rekor.sigstore.dev"
          """.formatted(q(subject), q(issuerValue));
    }
    String name = "key-template".equals(signer) ? "cosign-public-key"
        : "public-key-" + signer.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (name.length() > 60) {
      name = name.substring(0, 60).replaceAll("-$", "");
    }
    String comment = "key-template".equals(signer) ? "" : "                # Paste the PEM public key whose fingerprint is "
        + oneLine(signer) + ".\n";
    return comment + """
                        - keys:
                            publicKeys: %s
        """.formatted(q(DockerfilePlaceholders.marker(name)));
  }

  /** Writes the start of a policy that validates. */
  private static String header(String name, String title, String description) {
    return header(name, title, description, true);
  }

  /**
   * Writes apiVersion, kind, metadata and the start of spec. A policy without validate rules gets
   * no failure action, because Kyverno applies that setting to validation only.
   */
  private static String header(String name, String title, String description, boolean validates) {
    String text = """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: %s
          annotations:
            policies.kyverno.io/title: %s
            policies.kyverno.io/category: "Hullscope"
            policies.kyverno.io/description: %s
        spec:
          validationFailureAction: "Enforce"
          background: true
        """.formatted(q(name), q(title), q(description));
    return validates ? text : text.replace("  validationFailureAction: \"Enforce\"\n", "");
  }

  /** The match block for pods, indented for a rule. */
  private static String podMatch() {
    return String.join("\n",
        "      match:",
        "        any:",
        "          - resources:",
        "              kinds:",
        "                - \"Pod\"");
  }

  /**
   * Writes the containers, init containers and ephemeral containers of a pod spec, each with the
   * given element fields, indented below {@code spec:} of a validate pattern.
   */
  private static String allContainers(String fields) {
    StringBuilder out = new StringBuilder();
    for (String list : List.of("\"=(ephemeralContainers)\"", "\"=(initContainers)\"", "containers")) {
      out.append("            ").append(list).append(":\n");
      String[] lines = fields.split("\n");
      for (int i = 0; i < lines.length; i++) {
        out.append(i == 0 ? "              - " : "                ").append(lines[i]).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }

  /**
   * Returns the names that parse as references but name no registry (their first part has no dot,
   * no port and is not localhost), for which the parser assumed Docker Hub.
   */
  private static List<String> implicitDockerHub(List<String> names) {
    List<String> implicit = new ArrayList<>();
    for (String name : names) {
      int slash = name.indexOf('/');
      String first = slash < 0 ? "" : name.substring(0, slash);
      boolean namesRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
      if (!namesRegistry && !references(List.of(name)).isEmpty()) {
        implicit.add(name);
      }
    }
    return implicit;
  }

  private static List<ImageReference> references(List<String> names) {
    List<ImageReference> references = new ArrayList<>();
    for (String name : names) {
      try {
        references.add(ImageReference.parse(name));
      } catch (IllegalArgumentException invalid) {
        // A reference that does not parse (a file name, a daemon id) names no registry.
      }
    }
    return references;
  }

  /** The user the pods should get: the image's own non-root UID, or the suggested one. */
  private static long suggestedUid(UserVerdict user) {
    if (user != null && user.outcome() == UserVerdict.Outcome.RUNS && user.uid() != null && user.uid() != 0
        && user.configuredUser().matches("\\d+(:\\d+)?")) {
      return user.uid();
    }
    String suggested = DockerfileSuggestion.SUGGESTED_USER;
    return Long.parseLong(suggested.substring(0, suggested.indexOf(':')));
  }

  /** Returns a lower-case DNS label for the image, from its repository's last part. */
  static String slug(List<ImageReference> references, String imageName) {
    String base = references.isEmpty() ? imageName : references.get(0).repository();
    base = base == null ? "" : base.substring(base.lastIndexOf('/') + 1);
    String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 30) {
      slug = slug.substring(0, 30).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "image" : slug;
  }

  private static String name(String slug, String purpose) {
    String name = "hullscope-" + slug + "-" + purpose;
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME).replaceAll("-+$", "");
  }

  /** Writes a double-quoted YAML scalar; YAML reads JSON string escapes the same way. */
  static String q(String value) {
    return DockerfileSyntax.jsonString(value);
  }

  private static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
  }
}
