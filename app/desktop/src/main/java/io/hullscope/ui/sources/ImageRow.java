package io.hullscope.ui.sources;

import io.hullscope.cli.ByteSizes;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.ui.SizeTerms;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One row of the image table: a listed image and the source that opens it. */
public record ImageRow(ImageSource source, ImageSummary summary) {

  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  public String reference() {
    return summary.displayName();
  }

  /** Returns the digest shortened to 12 hex characters, as {@code docker images} shows ids. */
  public String shortDigest() {
    return summary.digest() == null ? "" : summary.digest().algorithm() + ":" + summary.digest().shortHex();
  }

  /** Returns the size the source lists, named by {@link #sizeName()}. */
  public String size() {
    return ByteSizes.format(summary.size());
  }

  /** Returns the name of the listed size: the daemon's figure for Docker, the stored blobs for files. */
  public String sizeName() {
    return SizeTerms.listedSize(source instanceof DockerDaemonSource);
  }

  public String created() {
    return summary.created() == null ? "" : CREATED.format(summary.created());
  }

  public String layerCount() {
    return summary.layerCount() < 0 ? "" : Integer.toString(summary.layerCount());
  }

  /** Returns the config's user: "root (unset)" when empty, blank when the source does not know it yet. */
  public String user() {
    if (summary.user() == null) {
      return "";
    }
    return summary.user().isEmpty() ? "root (unset)" : summary.user();
  }
}
