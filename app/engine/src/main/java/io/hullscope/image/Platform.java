package io.hullscope.image;

import java.util.Locale;

/**
 * An OS and CPU architecture pair, with the optional variant (for example {@code linux/arm64/v8}).
 *
 * <p>Architecture names follow Go's GOARCH values as the OCI image index does.
 */
public record Platform(String os, String architecture, String variant) {

  /** The platform of attestation manifests in BuildKit indexes; such manifests are not images. */
  public static final Platform UNKNOWN = new Platform("unknown", "unknown", null);

  public Platform {
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException("platform needs an os and an architecture, got " + os + "/" + architecture);
    }
    variant = variant == null || variant.isBlank() ? null : variant;
  }

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("invalid platform '" + text + "': expected os/architecture[/variant]");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Returns the platform this JVM runs on, with the architecture in GOARCH spelling. */
  public static Platform host() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> arch.startsWith("arm") ? "arm" : arch;
        };
    // Container images for desktop hosts are Linux images, whatever OS runs the app.
    return new Platform("linux", goArch, null);
  }

  /** Returns true when this platform describes an image rather than an attestation. */
  public boolean isImage() {
    return !"unknown".equals(os) && !"unknown".equals(architecture);
  }

  /**
   * Returns true when an image of {@code this} platform satisfies a request for {@code wanted}:
   * os and architecture equal, and the variant equal unless {@code wanted} names none.
   */
  public boolean satisfies(Platform wanted) {
    return os.equals(wanted.os)
        && architecture.equals(wanted.architecture)
        && (wanted.variant == null || wanted.variant.equals(variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
