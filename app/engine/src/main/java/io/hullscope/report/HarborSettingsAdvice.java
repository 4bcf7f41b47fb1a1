package io.hullscope.report;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.Severity;
import io.hullscope.check.SignatureFacts;
import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.image.ImageReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The Harbor project settings to turn on for an image, as short Markdown.
 *
 * <p>The settings and their API names are those of Harbor's v2.0 REST API ({@code ProjectMetadata}:
 * {@code auto_scan}, {@code prevent_vul}, {@code severity}, {@code enable_content_trust_cosign},
 * {@code auto_sbom_generation}) and its tag immutability rules. What the image shows today (scan
 * result, signatures, tag) is added to each reason.
 */
public final class HarborSettingsAdvice {

  private HarborSettingsAdvice() {}

  /** Returns the advice for the project that contains the image. */
  public static String suggest(HardeningReport report, ImageFacts facts) {
    ImageReference reference = firstReference(facts.references());
    String project = project(reference);
    StringBuilder out = new StringBuilder();
    out.append("## Harbor project settings for ").append(code(report.imageName())).append("\n\n");
    if (project != null) {
      out.append("Project ").append(code(project)).append(" on ").append(code(reference.registry()))
          .append(". Turn these on in the project's Configuration tab; the name in brackets is the `metadata` field of"
              + " `PUT /api/v2.0/projects/").append(project).append("`.\n\n");
    } else {
      out.append("Turn these on in the Configuration tab of the Harbor project that holds the image; the name in"
          + " brackets is the `metadata` field of `PUT /api/v2.0/projects/{project_name}`.\n\n");
    }
    out.append("| setting | value | why |\n| --- | --- | --- |\n");
    out.append("| Automatically scan images on push | on (`auto_scan: \"true\"`) | Every pushed image gets a"
        + " vulnerability report without anyone asking for it. ").append(scanState(facts)).append(" |\n");
    out.append("| Prevent vulnerable images from running | on, severity High (`prevent_vul: \"true\"`, `severity:"
        + " \"high\"`) | Harbor refuses pulls of images with High or Critical vulnerabilities. ")
        .append(vulnerabilityState(facts)).append(" |\n");
    out.append("| Cosign: prevent unsigned images from running | on (`enable_content_trust_cosign: \"true\"`) |"
        + " Harbor refuses pulls of images without a cosign signature. ").append(signatureState(facts)).append(" |\n");
    out.append("| Automatically generate SBOM on push | on (`auto_sbom_generation: \"true\"`, Harbor 2.11 and later)"
        + " | The SBOM is attached to the image as an accessory, so reviewers and scanners see what it contains. |\n\n");
    out.append("Tag immutability (Policy tab, Tag Immutability): add a rule for repositories `**` with tags matching"
        + " `v*` and one with tags matching `[0-9]*`, so a pushed release tag can never point to other content.");
    if (reference != null && reference.tag() != null) {
      String tag = reference.tag();
      if (tag.matches("v?\\d+(\\.\\d+)*([-+].*)?")) {
        out.append(" This image's tag ").append(code(tag)).append(" is a release tag that these rules protect.");
      } else {
        out.append(" This image's tag ").append(code(tag)).append(" is not a release tag: push it with a version"
            + " tag too, and keep moving tags such as `latest` out of the rules.");
      }
    }
    out.append("\n");
    return out.toString();
  }

  private static String scanState(ImageFacts facts) {
    VulnerabilityFacts scan = facts.vulnerabilities();
    return scan == null ? "This image has no scan result yet." : "This image was scanned with " + cell(scan.scanner())
        + ".";
  }

  private static String vulnerabilityState(ImageFacts facts) {
    VulnerabilityFacts scan = facts.vulnerabilities();
    if (scan == null) {
      return "Scan the image first: without a report, Harbor cannot judge it.";
    }
    long blocking = scan.items().stream()
        .filter(i -> i.severity() == Severity.CRITICAL || i.severity() == Severity.HIGH).count();
    long fixable = scan.items().stream()
        .filter(i -> (i.severity() == Severity.CRITICAL || i.severity() == Severity.HIGH) && i.fixable()).count();
    if (blocking == 0) {
      return "This image has no High or Critical vulnerability, so it stays pullable.";
    }
    return "This image has " + blocking + " High or Critical vulnerabilities (" + fixable + " with a fix), so it would"
        + " be blocked until they are fixed or allow-listed.";
  }

  private static String signatureState(ImageFacts facts) {
    SignatureFacts signatures = facts.signatures();
    if (signatures == null) {
      return "Signatures of this image were not looked up.";
    }
    if (signatures.signatures() == 0) {
      return "This image is not signed: sign it with cosign in CI before turning this on, or its pulls fail.";
    }
    List<String> parts = new ArrayList<>();
    parts.add("This image has " + signatures.signatures() + " signature(s), " + signatures.verified() + " verified");
    if (!signatures.signers().isEmpty()) {
      parts.add("signed by " + cell(String.join(", ", signatures.signers())));
    }
    return String.join(", ", parts) + ".";
  }

  private static ImageReference firstReference(List<String> names) {
    for (String name : names) {
      try {
        return ImageReference.parse(name);
      } catch (IllegalArgumentException invalid) {
        // Not a registry reference; try the next name.
      }
    }
    return null;
  }

  /** The Harbor project is the first part of the repository path; Docker Hub has none. */
  private static String project(ImageReference reference) {
    if (reference == null || ImageReference.DOCKER_HUB.equals(reference.registry())
        || !reference.repository().contains("/")) {
      return null;
    }
    return reference.repository().substring(0, reference.repository().indexOf('/'));
  }

  private static String code(String value) {
    return "`" + cell(value).replace("`", "'") + "`";
  }

  /** Makes text safe inside a Markdown table cell. */
  private static String cell(String value) {
    return value == null ? "" : value.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
  }
}
