package io.hullscope.check;

import io.hullscope.check.VulnerabilityFacts.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what the registry and the scanner know about the image: whether it is signed, whether a
 * signature verified, whether an SBOM is attached, and which vulnerabilities have fixes.
 *
 * <p>Each fact may be unknown: {@link ImageFacts#signatures()} is null when signatures were not
 * looked up (an image from a file, say) and {@link ImageFacts#vulnerabilities()} is null when the
 * image was not scanned. The checks that need an unknown fact report nothing, because "not looked
 * up" is not "missing".
 */
public final class SupplyChainCheck implements ImageCheck {

  static final String GROUP = "supply-chain";

  /** Vulnerabilities listed as evidence per finding by default; the finding text counts the rest. */
  static final int DEFAULT_WORST_SHOWN = 5;

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition("NOT-SIGNED", "The image is not signed", Severity.MEDIUM, GROUP,
          "Without a signature a deployment cannot check that the image is the one the pipeline built, so a"
              + " pushed look-alike or a tampered copy runs unnoticed."),
      new CheckDefinition("SIGNATURE-NOT-VERIFIED", "No signature of the image verified", Severity.HIGH, GROUP,
          "Signatures exist but none checks out against a trusted key or identity: the image may have been"
              + " changed after signing, or signed by someone else."),
      new CheckDefinition("NO-SBOM-ATTACHED", "No SBOM is attached to the image", Severity.LOW, GROUP,
          "An SBOM stored next to the image in the registry lets scanners and auditors see what is inside"
              + " without pulling and unpacking it, and later scans use the same package list."),
      new CheckDefinition("FIXABLE-VULNERABILITIES", "Vulnerabilities with available fixes", Severity.HIGH, GROUP,
          "A fixed version exists, so updating the package or rebuilding on a current base closes these holes."),
      new CheckDefinition("CRITICAL-WITHOUT-FIX", "Critical vulnerabilities without a fix", Severity.HIGH, GROUP,
          "No update closes these yet, so the package has to go, be replaced, or be kept unreachable until a"
              + " fix is published."));

  private final int worstShown;

  /** Lists the {@link #DEFAULT_WORST_SHOWN} worst vulnerabilities as evidence per finding. */
  public SupplyChainCheck() {
    this(DEFAULT_WORST_SHOWN);
  }

  /** Lists the {@code worstShown} worst vulnerabilities as evidence per finding. */
  public SupplyChainCheck(int worstShown) {
    if (worstShown < 1) {
      throw new IllegalArgumentException("worstShown must be at least 1, not " + worstShown);
    }
    this.worstShown = worstShown;
  }

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) {
    List<Finding> findings = new ArrayList<>();
    SignatureFacts signatures = facts.signatures();
    if (signatures != null) {
      signatureFindings(signatures).ifPresent(findings::add);
      if (!signatures.sbomAttached()) {
        findings.add(noSbom(facts));
      }
    }
    VulnerabilityFacts scan = facts.vulnerabilities();
    if (scan != null) {
      fixable(scan).ifPresent(findings::add);
      criticalWithoutFix(scan).ifPresent(findings::add);
    }
    return findings;
  }

  private static Optional<Finding> signatureFindings(SignatureFacts signatures) {
    if (signatures.signatures() == 0) {
      return Optional.of(new Finding("NOT-SIGNED", DEFINITIONS.get(0).title(), Severity.MEDIUM,
          DEFINITIONS.get(0).rationale(), "No cosign, notation or Sigstore bundle signature was found",
          "Sign the image by digest in the pipeline after the push, for example cosign sign --key cosign.key"
              + " <registry>/<repository>@sha256:<digest> (or keyless with the pipeline's identity), and verify"
              + " it at admission with a Kyverno verifyImages rule.",
          "The build pipeline, after docker push",
          List.of(Evidence.of(Evidence.Kind.SIGNATURE, "0 signatures found")), Confidence.HIGH));
    }
    if (signatures.verified() == 0) {
      List<Evidence> items = new ArrayList<>();
      items.add(Evidence.of(Evidence.Kind.SIGNATURE, signatureCount(signatures) + " found, 0 verified"));
      signatures.signers().forEach(signer -> items.add(Evidence.of(Evidence.Kind.SIGNATURE, "signer " + signer)));
      signatures.problems().forEach(problem -> items.add(Evidence.of(Evidence.Kind.SIGNATURE, problem)));
      String problems = signatures.problems().isEmpty() ? "" : ": " + String.join("; ", signatures.problems());
      return Optional.of(new Finding("SIGNATURE-NOT-VERIFIED", DEFINITIONS.get(1).title(), Severity.HIGH,
          DEFINITIONS.get(1).rationale(),
          signatureCount(signatures) + " found, none verified" + problems,
          "Check which key or identity should have signed the image and add it as trusted; if it is already"
              + " trusted, treat the image as tampered with and rebuild and re-sign it from a known commit.",
          "The trusted keys and identities in the Hullscope settings, or the signing step of the pipeline",
          items, Confidence.HIGH));
    }
    return Optional.empty();
  }

  private static String signatureCount(SignatureFacts signatures) {
    return signatures.signatures() + (signatures.signatures() == 1 ? " signature" : " signatures");
  }

  private static Finding noSbom(ImageFacts facts) {
    String built = facts.sbom() == null ? ""
        : " Hullscope listed " + facts.sbom().packages().size() + " packages in this image; export them as"
            + " CycloneDX and attach that file.";
    return new Finding("NO-SBOM-ATTACHED", DEFINITIONS.get(2).title(), Severity.LOW, DEFINITIONS.get(2).rationale(),
        "No SBOM attestation, referrer or Harbor SBOM accessory was found",
        "Generate an SBOM in the pipeline and attach it by digest, for example cosign attest --key cosign.key"
            + " --type cyclonedx --predicate sbom.cdx.json <registry>/<repository>@sha256:<digest>, or turn on"
            + " Harbor's automatic SBOM generation for the project." + built,
        "The build pipeline, after docker push",
        List.of(Evidence.of(Evidence.Kind.SIGNATURE, "no SBOM attached")), Confidence.HIGH);
  }

  private Optional<Finding> fixable(VulnerabilityFacts scan) {
    List<Item> fixable = scan.items().stream().filter(Item::fixable).sorted(WORST_FIRST).toList();
    if (fixable.isEmpty()) {
      return Optional.empty();
    }
    // An unrated advisory counts as MEDIUM: a known fix is worth applying whatever the rating.
    Severity worst = fixable.get(0).severity() == null ? Severity.MEDIUM : fixable.get(0).severity();
    boolean anyUnrated = fixable.stream().anyMatch(item -> item.severity() == null);
    if (anyUnrated && worst.compareTo(Severity.MEDIUM) > 0) {
      worst = Severity.MEDIUM;
    }
    String counts = countsBySeverity(fixable);
    List<Evidence> items = new ArrayList<>();
    for (Item item : fixable.subList(0, Math.min(worstShown, fixable.size()))) {
      items.add(scanEvidence(item, item.id() + " (" + (item.severity() == null ? "unrated" : item.severity()) + ") in "
          + item.packageName() + " "
          + item.installedVersion() + ", fixed in " + item.fixedVersion()));
    }
    if (fixable.size() > worstShown) {
      items.add(Evidence.of(Evidence.Kind.SCAN, "and " + (fixable.size() - worstShown) + " more not listed"));
    }
    long packages = fixable.stream().map(Item::packageName).distinct().count();
    return Optional.of(new Finding("FIXABLE-VULNERABILITIES",
        (fixable.size() == 1 ? "1 vulnerability has a fix" : fixable.size() + " vulnerabilities have fixes")
            + " (" + counts + ")", worst, DEFINITIONS.get(3).rationale(),
        counts + " in " + packages + (packages == 1 ? " package" : " packages") + ", found by " + scan.scanner()
            + dataVersion(scan),
        "Rebuild on the current base image and update the listed packages to the fixed versions, for example"
            + " RUN apt-get update && apt-get install -y --only-upgrade <package> (or apk upgrade, dnf upgrade,"
            + " or a new version in the application's lock file). Then scan again.",
        "Dockerfile: the FROM line and the steps that install the listed packages", items, Confidence.HIGH));
  }

  private Optional<Finding> criticalWithoutFix(VulnerabilityFacts scan) {
    List<Item> critical = scan.items().stream()
        .filter(item -> item.severity() == Severity.CRITICAL && !item.fixable())
        .toList();
    if (critical.isEmpty()) {
      return Optional.empty();
    }
    List<Evidence> items = new ArrayList<>();
    for (Item item : critical.subList(0, Math.min(worstShown, critical.size()))) {
      items.add(scanEvidence(item, item.id() + " in " + item.packageName() + " " + item.installedVersion()
          + ", no fix known"));
    }
    if (critical.size() > worstShown) {
      items.add(Evidence.of(Evidence.Kind.SCAN, "and " + (critical.size() - worstShown) + " more not listed"));
    }
    String packages = String.join(", ", critical.stream().map(Item::packageName).distinct().toList());
    return Optional.of(new Finding("CRITICAL-WITHOUT-FIX",
        (critical.size() == 1 ? "1 critical vulnerability has" : critical.size() + " critical vulnerabilities have")
            + " no fix", Severity.HIGH, DEFINITIONS.get(4).rationale(),
        critical.size() + " critical without a fixed version, in " + packages + ", found by " + scan.scanner()
            + dataVersion(scan),
        "Remove the affected packages if the application does not use them (apt-get purge, apk del), or move to"
            + " a base that does not ship them, such as a distroless image; otherwise check whether the"
            + " vulnerable code is reachable, and watch for a fix.",
        "Dockerfile: the steps that install the listed packages", items, Confidence.HIGH));
  }

  private static Evidence scanEvidence(Item item, String text) {
    return new Evidence(Evidence.Kind.SCAN, item.layer(), null, -1, null, text);
  }

  private static String dataVersion(VulnerabilityFacts scan) {
    return scan.dataVersion().isEmpty() ? "" : " (data " + scan.dataVersion() + ")";
  }

  /** Most severe first, then by id, so the evidence shows the worst and is stable between runs. */
  private static final Comparator<Item> WORST_FIRST =
      Comparator.comparing(Item::severity, Comparator.nullsLast(Comparator.<Severity>naturalOrder()))
          .thenComparing(Item::id, Comparator.nullsLast(Comparator.<String>naturalOrder()))
          .thenComparing(Item::packageName, Comparator.nullsLast(Comparator.<String>naturalOrder()));

  private static String countsBySeverity(List<Item> items) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    int unrated = 0;
    for (Item item : items) {
      if (item.severity() == null) {
        unrated++;
      } else {
        counts.merge(item.severity(), 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((severity, count) -> parts.add(count + " " + severity.name().toLowerCase(java.util.Locale.ROOT)));
    if (unrated > 0) {
      parts.add(unrated + " unrated");
    }
    return String.join(", ", parts);
  }
}
