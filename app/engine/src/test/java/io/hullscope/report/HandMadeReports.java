package io.hullscope.report;

import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Confidence;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hardening reports built by hand for the writer tests: several findings of every severity, every
 * evidence kind, a check that fires twice, a finding without a definition, and hostile text.
 */
final class HandMadeReports {

  /** Markup a hostile image could put into a label, a file name or a user name. */
  static final String SCRIPT = "<script>alert('x')</script>";
  static final String ATTRIBUTE_BREAK = "\"><img src=x onerror=alert(1)>";
  static final String MARKDOWN_LINK = "[click](https://example.invalid/steal) | cell | `code` **bold**";
  /** A secret value that a careless check left in its evidence; no writer may print it. */
  static final String LEAKED_TOKEN = "ghp_LeakedTokenValue0123456789abcdef0123";

  static final Instant CREATED = Instant.parse("2026-12-05T02:00:00Z");
  static final Digest DIGEST = Digest.sha256("4f".repeat(32));

  private HandMadeReports() {}

  static List<CheckDefinition> definitions() {
    return List.of(
        new CheckDefinition("ROOT-USER", "The container runs as root", Severity.HIGH, "user",
            "A process that escapes the application has root rights."),
        new CheckDefinition("SECRET-IN-ENV", "A secret is set in the environment", Severity.CRITICAL, "secrets",
            "Anyone who can pull the image can read its environment."),
        new CheckDefinition("SETUID-FILE", "A file has the setuid bit", Severity.MEDIUM, "attack-surface",
            "A setuid program runs with its owner's rights."),
        new CheckDefinition("CURL-PIPE-SHELL", "A script was piped from curl to a shell", Severity.MEDIUM,
            "attack-surface", "What ran cannot be reviewed or reproduced."),
        new CheckDefinition("NO-HEALTHCHECK", "No HEALTHCHECK is set", Severity.LOW, "build-hygiene",
            "The runtime cannot tell a hung process from a healthy one."),
        new CheckDefinition("FIXABLE-VULNERABILITIES", "Vulnerabilities with fixes", Severity.HIGH, "supply-chain",
            "Known holes that an update closes."),
        new CheckDefinition("NOT-SIGNED", "The image is not signed", Severity.MEDIUM, "supply-chain",
            "A consumer cannot tell who built it."),
        new CheckDefinition("NO-SBOM-ATTACHED", "No SBOM is attached", Severity.INFO, "supply-chain", ""),
        new CheckDefinition("HARBOR-SCAN-ON-PUSH-OFF", "Scan on push is off", Severity.LOW, "harbor",
            "New images are not scanned."),
        new CheckDefinition("WASTED-SPACE", "Wasted space", Severity.INFO, "build-hygiene",
            "Files overwritten in later layers still ship."));
  }

  /** Findings of every severity and every evidence kind, including hostile text. */
  static List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    findings.add(new Finding("SECRET-IN-ENV", "Environment variable API_TOKEN holds a token", Severity.CRITICAL,
        "Anyone who can pull the image can read it.", "Env API_TOKEN=" + LEAKED_TOKEN,
        "Pass the token at run time from a secret store.", "Dockerfile: the ENV instruction",
        List.of(Evidence.config("Env", "API_TOKEN=" + LEAKED_TOKEN), Evidence.history(3, -1, "ENV API_TOKEN=********")),
        Confidence.HIGH));
    findings.add(new Finding("SECRET-IN-ENV", "Environment variable DB_PASSWORD holds a password", Severity.CRITICAL,
        "Anyone who can pull the image can read it.", "Env DB_PASSWORD=********",
        "Pass the password at run time.", "Dockerfile: the ENV instruction",
        List.of(Evidence.config("Env", "DB_PASSWORD=********")), Confidence.MEDIUM));
    findings.add(new Finding("ROOT-USER", "The container runs as root because User is unset", Severity.HIGH,
        "A process that escapes has root rights.", "Config User is unset; UID 0 from /etc/passwd line 1",
        "Add USER 10001:10001.", "Dockerfile: the last USER instruction",
        List.of(Evidence.config("User", ""), Evidence.file(0, "etc/passwd", "root:x:0:0:root:/root:/bin/bash")),
        Confidence.HIGH));
    findings.add(new Finding("FIXABLE-VULNERABILITIES", "12 vulnerabilities have fixes", Severity.HIGH,
        "Known holes that an update closes.", "CVE-2024-0001 in openssl 3.0.11 (fixed in 3.0.13)",
        "Rebuild on an updated base image.", "Dockerfile: FROM",
        List.of(Evidence.of(Evidence.Kind.SCAN, "Hullscope OSV scan, 12 fixable"),
            new Evidence(Evidence.Kind.PACKAGE, 1, "var/lib/dpkg/status", -1, null, "openssl 3.0.11-1")),
        Confidence.HIGH));
    findings.add(new Finding("SETUID-FILE", "usr/bin/sudo " + SCRIPT + " has the setuid bit", Severity.MEDIUM,
        "A setuid program runs with its owner's rights.", "mode 4755, owner 0 " + ATTRIBUTE_BREAK,
        "Remove the setuid bit: RUN chmod u-s /usr/bin/sudo.", "Dockerfile: the RUN that installs sudo",
        List.of(Evidence.file(2, "usr/bin/sudo " + SCRIPT, "-rwsr-xr-x 0:0"),
            Evidence.file(2, "opt/odd name/50%?#.bin", "-rwsr-xr-x 0:0")),
        Confidence.HIGH));
    findings.add(new Finding("CURL-PIPE-SHELL", "curl output piped to sh " + MARKDOWN_LINK, Severity.MEDIUM,
        "What ran cannot be reviewed.", "RUN curl -fsSL https://get.example.invalid | sh",
        "Download, verify the checksum, then run.", "Dockerfile: RUN line 4",
        List.of(Evidence.history(4, 3, "RUN curl -fsSL https://get.example.invalid | sh")), Confidence.MEDIUM));
    findings.add(new Finding("NOT-SIGNED", "The image is not signed", Severity.MEDIUM,
        "A consumer cannot tell who built it.", "No cosign or notation signature found",
        "Sign it with cosign sign --key cosign.key IMAGE.", "CI pipeline after push",
        List.of(Evidence.of(Evidence.Kind.SIGNATURE, "0 signatures")), Confidence.HIGH));
    findings.add(new Finding("NO-HEALTHCHECK", "No HEALTHCHECK is set", Severity.LOW,
        "The runtime cannot tell a hung process from a healthy one.", "Config Healthcheck is unset",
        "Add HEALTHCHECK CMD [\"/app/server\", \"--health\"].", "Dockerfile", List.of(), Confidence.HIGH));
    findings.add(new Finding("HARBOR-SCAN-ON-PUSH-OFF", "Scan on push is off in project team", Severity.LOW,
        "New images are not scanned.", "auto_scan = false", "Turn on Scan on push.", "Harbor: project configuration",
        List.of(new Evidence(Evidence.Kind.HARBOR, -1, null, -1, "auto_scan", "false")), Confidence.LOW));
    findings.add(new Finding("NO-SBOM-ATTACHED", "No SBOM is attached", Severity.INFO, "", "No SBOM referrer found",
        "Attach the SBOM: hullscope sbom IMAGE | cosign attest ...", "CI pipeline", List.of(), Confidence.HIGH));
    findings.add(new Finding("WASTED-SPACE", "512 KiB are wasted", Severity.INFO, "Overwritten files still ship.",
        "app/assets/big.bin written in layers 1 and 2", "Write the file once.", "Dockerfile",
        List.of(Evidence.file(1, "app/assets/big.bin", "512 KiB")), Confidence.HIGH));
    findings.add(new Finding("UNLISTED-CHECK", "A finding whose check is not in the list", Severity.LOW,
        "Tests the fallback rule.", "", "", "", List.of(), Confidence.HIGH));
    return findings;
  }

  static UserVerdict rootVerdict() {
    List<Finding> userFindings = findings().stream().filter(f -> f.id().equals("ROOT-USER")).toList();
    return new UserVerdict("", UserVerdict.Outcome.RUNS, 0L, 0L,
        "UID 0 (root): User is unset, so the runtime default root applies, GID 0 from /etc/passwd entry 'root'"
            + " (line 1)", userFindings, List.of());
  }

  /** The full report: every severity, every evidence kind, hostile text. */
  static HardeningReport full() {
    return report(HandMadeReports.findings(), CREATED);
  }

  /** The same findings checked at another time, for fingerprint stability. */
  static HardeningReport full(Instant createdAt) {
    return report(HandMadeReports.findings(), createdAt);
  }

  /** A report with no findings and a non-root user. */
  static HardeningReport clean() {
    UserVerdict user = new UserVerdict("65532:65532", UserVerdict.Outcome.RUNS, 65532L, 65532L,
        "UID 65532: User is numeric and has no /etc/passwd entry, GID 65532 as given", List.of(), List.of());
    return new HardeningReport("hullscope-samples/hygiene-good:1.4.2", DIGEST, CREATED, "Hullscope 0.1.0", user,
        List.of(), HygieneGrade.of(List.of()), definitions());
  }

  private static HardeningReport report(List<Finding> findings, Instant createdAt) {
    List<Finding> sorted = findings.stream().sorted(HardeningReport.SEVERITY_ORDER).toList();
    return new HardeningReport("registry.example.invalid/team/app:" + SCRIPT, DIGEST, createdAt, "Hullscope 0.1.0",
        rootVerdict(), sorted, HygieneGrade.of(sorted), definitions());
  }
}
