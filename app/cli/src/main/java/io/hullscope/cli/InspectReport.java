package io.hullscope.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.check.Finding;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.WasteReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Output of {@code hullscope inspect} as one value. The JSON output is this record serialized
 * by Jackson, so field names and order here are the stable JSON shape.
 */
@JsonPropertyOrder({"image", "config", "user", "layers", "tree"})
public record InspectReport(ImageInfo image, ConfigInfo config, UserInfo user, List<LayerInfo> layers, TreeStats tree) {

  /**
   * The user a container of the image runs as, see {@link UserVerdict}.
   *
   * @param outcome {@code RUNS}, {@code FAILS_TO_START} or {@code UNKNOWN}
   * @param uid the UID the process gets; null unless it runs
   * @param gid the GID the process gets; null unless it runs
   * @param explanation one sentence naming the IDs and the reason
   * @param findings ids of the findings, for example {@code ROOT-USER}
   */
  @JsonPropertyOrder({"outcome", "uid", "gid", "explanation", "findings"})
  public record UserInfo(String outcome, Long uid, Long gid, String explanation, List<String> findings) {

    static UserInfo of(UserVerdict verdict) {
      return new UserInfo(verdict.outcome().name(), verdict.uid(), verdict.gid(), verdict.explanation(),
          verdict.findings().stream().map(Finding::id).toList());
    }
  }

  /** Identity of the image. Times are ISO-8601 strings, absent values are null. */
  @JsonPropertyOrder({"references", "digest", "configDigest", "platform", "created", "source"})
  public record ImageInfo(
      List<String> references, String digest, String configDigest, String platform, String created, String source) {}

  /** The runtime config; secret-looking environment values are masked. */
  @JsonPropertyOrder({"user", "entrypoint", "cmd", "workingDir", "env", "exposedPorts", "volumes", "labels",
      "healthcheck"})
  public record ConfigInfo(
      String user,
      List<String> entrypoint,
      List<String> cmd,
      String workingDir,
      List<String> env,
      List<String> exposedPorts,
      List<String> volumes,
      Map<String, String> labels,
      List<String> healthcheck) {}

  /**
   * One layer.
   *
   * @param storedSize size of the blob as the source stores it (compressed or not) in bytes, or -1
   *     when the source does not know it
   * @param unpackedSize size of the layer tar after decompression in bytes
   * @param createdBy the history command that created the layer, or null
   */
  @JsonPropertyOrder({"index", "diffId", "storedSize", "unpackedSize", "entries", "createdBy"})
  public record LayerInfo(
      int index, String diffId, long storedSize, long unpackedSize, int entries, String createdBy) {}

  /**
   * Statistics of the file system after the top layer, and of the layers that build it.
   *
   * @param files regular files in the final file system
   * @param filesSize bytes of those files
   * @param unpackedSize the layer tars after decompression, added up
   * @param wastedBytes bytes that layers store but the final file system does not show
   * @param efficiency share of the image's file bytes that end up in the final file system, 0 to 1
   */
  @JsonPropertyOrder({"files", "filesSize", "unpackedSize", "wastedBytes", "efficiency"})
  public record TreeStats(int files, long filesSize, long unpackedSize, long wastedBytes, double efficiency) {}

  /** Builds the report from an analysis. */
  public static InspectReport of(ImageAnalysis analysis, UserVerdict verdict) {
    Image image = analysis.image();
    ImageConfig config = image.config();
    ImageInfo imageInfo = new ImageInfo(
        image.references(),
        text(image.digest()),
        text(image.configDigest()),
        config.platform() == null ? null : config.platform().toString(),
        text(config.created()),
        image.sourceDescription());
    return new InspectReport(imageInfo, configInfo(config), UserInfo.of(verdict), layers(analysis),
        treeStats(analysis));
  }

  private static ConfigInfo configInfo(ImageConfig config) {
    List<String> env = config.env().stream().map(SecretMasking::maskEnvEntry).toList();
    List<String> healthcheck = config.healthcheck() == null ? null : config.healthcheck().test();
    return new ConfigInfo(
        config.user() == null ? "" : config.user(),
        config.entrypoint(),
        config.cmd(),
        config.workingDir(),
        env,
        config.exposedPorts().stream().sorted().toList(),
        config.volumes().stream().sorted().toList(),
        new TreeMap<>(config.labels()),
        healthcheck);
  }

  private static List<LayerInfo> layers(ImageAnalysis analysis) {
    List<Layer> layers = analysis.image().layers();
    List<LayerIndex> indexes = analysis.layers();
    List<HistoryEntry> history = analysis.image().config().layerHistory();
    List<LayerInfo> result = new ArrayList<>();
    for (int i = 0; i < indexes.size(); i++) {
      LayerIndex index = indexes.get(i);
      long storedSize = i < layers.size() ? layers.get(i).size() : -1;
      HistoryEntry entry = i < history.size() ? history.get(i) : null;
      result.add(new LayerInfo(
          i,
          text(index.diffId()),
          storedSize,
          index.uncompressedSize(),
          index.entries().size(),
          entry == null ? null : entry.description()));
    }
    return result;
  }

  private static TreeStats treeStats(ImageAnalysis analysis) {
    int top = analysis.layers().size() - 1;
    WasteReport waste = analysis.waste();
    long unpacked = analysis.layers().stream().mapToLong(LayerIndex::uncompressedSize).sum();
    if (top < 0) {
      return new TreeStats(0, 0, unpacked, waste.wastedBytes(), waste.efficiency());
    }
    FileTree tree = analysis.squashed(top);
    return new TreeStats(
        tree.root().fileCount(), tree.totalSize(), unpacked, waste.wastedBytes(), waste.efficiency());
  }

  private static String text(Digest digest) {
    return digest == null ? null : digest.toString();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
