package io.hullscope.ui.sbom;

import io.hullscope.image.Digest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomComparison;
import io.hullscope.sbom.SbomImport;
import io.hullscope.sbom.SbomImporter;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SBOM tab: the packages of the open image as a tree grouped by ecosystem, by layer or by
 * dependency. It also has a filter, counts per ecosystem, the details of the selected package, the
 * files that could not be read, and export to CycloneDX and SPDX files.
 */
public final class SbomViewModel {

  /** Receives a request to show a file of the image in the Layers tab. */
  @FunctionalInterface
  public interface FileRevealer {
    /**
     * @param path path relative to the image root, without a leading slash
     * @param layer the layer whose file system should show the file
     */
    void reveal(String path, int layer);
  }

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final Clock clock;
  private final ObjectProperty<SbomGrouping> grouping = new SimpleObjectProperty<>(SbomGrouping.ECOSYSTEM);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<List<SbomNode>> roots = new ReadOnlyObjectWrapper<>(List.of());
  private final ObservableList<EcosystemCount> counts = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ObjectProperty<ImagePackage> selectedPackage = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<PackageDetails> details = new ReadOnlyObjectWrapper<>();
  private final ObservableList<String> warnings = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("");
  private String failure;
  private final ReadOnlyObjectWrapper<ImageSbom> sbom = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper importSource = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<SbomOffer> offered = new ReadOnlyObjectWrapper<>();
  private ImageSbom imageSbom;
  private int importRequest;
  private ImageAnalysis analysis;
  private List<SbomLayer> layers = List.of();
  private Map<ImagePackage, String> searchText = Map.of();
  private Map<ImagePackage, List<ImagePackage>> dependencyGraph;
  private FileRevealer revealer = (path, layer) -> {};

  public SbomViewModel(TaskExecutor executor, ErrorViewModel error) {
    this(executor, error, Clock.systemUTC());
  }

  /** @param clock the time written into exported documents */
  public SbomViewModel(TaskExecutor executor, ErrorViewModel error, Clock clock) {
    this.executor = executor;
    this.error = error;
    this.clock = clock;
    grouping.addListener((observable, before, after) -> rebuild());
    filter.addListener((observable, before, after) -> rebuild());
    selectedPackage.addListener((observable, before, after) -> showDetails(after));
  }

  /**
   * Shows the SBOM of an image, or clears the tab for null. The filter is cleared, as the Layers
   * tab clears its path search, and the grouping is kept.
   *
   * @param newAnalysis the image's analysis, for layer names and to reveal evidence files; null
   *     when the image's files are not open
   */
  public void show(ImageSbom newSbom, ImageAnalysis newAnalysis) {
    imageSbom = newSbom;
    importRequest++;
    importSource.set("");
    comparison.set("");
    offered.set(null);
    display(newSbom, newAnalysis);
  }

  /** Shows an SBOM, the image's own or an imported one, in the tree, the counts and the warnings. */
  private void display(ImageSbom newSbom, ImageAnalysis newAnalysis) {
    failure = null;
    sbom.set(newSbom);
    analysis = newAnalysis;
    layers = newSbom == null ? List.of() : SbomLayer.of(newSbom, newAnalysis);
    dependencyGraph = null;
    searchText = newSbom == null ? Map.of() : searchTexts(newSbom.packages());
    selectedPackage.set(null);
    exportMessage.set("");
    // Setting the filter rebuilds the tree; the rebuild below covers the case where it was empty.
    filter.set("");
    warnings.setAll(newSbom == null ? List.of() : newSbom.warnings().stream().map(this::warningLine).toList());
    rebuild();
  }

  private static Map<ImagePackage, String> searchTexts(List<ImagePackage> packages) {
    Map<ImagePackage, String> texts = new IdentityHashMap<>();
    for (ImagePackage found : packages) {
      var pkg = found.pkg();
      String text = String.join("\n", String.valueOf(pkg.name()), String.valueOf(pkg.version()),
          String.join("\n", pkg.licenses()), String.valueOf(pkg.purl()));
      texts.put(found, text.toLowerCase(Locale.ROOT));
    }
    return texts;
  }

  /**
   * Reads a CycloneDX or SPDX document made by another tool in the background and shows its
   * packages in place of the image's. Packages whose layer diff id is one of the open image's get
   * that layer. When the image has an SBOM, the comparison line counts the packages both list,
   * the version differences and what each side misses.
   */
  public void importSbom(Path file) {
    String name = String.valueOf(file.getFileName());
    importDocument("Importing " + name, "Imported " + name, "the import",
        () -> new SbomImporter().read(file), "Importing the SBOM " + name + " failed");
  }

  /**
   * Offers a second SBOM of the open image, such as the one its registry generated, for {@link
   * #compareWithOffered()}. {@link #show} withdraws the offer, so set it after showing the image.
   *
   * @param offer the SBOM's name and how to read it; null withdraws the offer
   */
  public void offerComparison(SbomOffer offer) {
    offered.set(offer);
  }

  /** Reads the offered SBOM in the background, shows it and compares it with the image's, as an import does. */
  public void compareWithOffered() {
    SbomOffer offer = offered.get();
    if (offer == null) {
      return;
    }
    importDocument("Reading " + offer.name(), "Showing " + offer.name(), offer.name(), offer.reader(),
        "Reading " + offer.name() + " failed");
  }

  private void importDocument(String title, String sourceLine, String otherSide, SbomOffer.Reader reader,
      String failureAction) {
    ImageAnalysis current = analysis;
    ImageSbom ours = imageSbom;
    List<Digest> diffIds = current == null ? List.of()
        : current.layers().stream().map(LayerIndex::diffId).toList();
    int request = ++importRequest;
    executor.submit(new BackgroundTask<>(
        title,
        progress -> {
          SbomImport imported = reader.read();
          ImageSbom placed = SbomImporter.withLayers(imported, diffIds);
          SbomComparison compared = ours == null ? null : SbomComparison.compare(ours, placed);
          return new Imported(imported.format(), placed, compared);
        },
        result -> {
          if (request == importRequest) {
            display(result.sbom(), current);
            String tool = result.sbom().tool();
            String madeBy = tool == null || tool.isBlank() ? "" : " by " + tool;
            importSource.set(sourceLine + " (" + result.format() + madeBy + ")");
            comparison.set(result.comparison() == null ? "" : compareLine(result.comparison().summary(), otherSide));
          }
        },
        failure -> {
          if (request == importRequest && !ErrorViewModel.isCancellation(failure)) {
            error.show(failureAction, failure);
          }
        }));
  }

  private static String compareLine(SbomComparison.Summary summary, String otherSide) {
    return "Compared with the image's SBOM: " + summary.identical() + " identical, "
        + summary.differentVersions() + " with another version, " + summary.onlyInOurs()
        + " only in the image's, " + summary.onlyInTheirs() + " only in " + otherSide;
  }

  /** The result of an import: the document format, its packages and their comparison with ours. */
  private record Imported(String format, ImageSbom sbom, SbomComparison comparison) {}

  /** Shows the image's own SBOM again after an import. */
  public void showImageSbom() {
    show(imageSbom, analysis);
  }

  /**
   * Clears the tab and shows why the open image has no SBOM.
   *
   * @param reason what went wrong, for example the message of the exception
   */
  public void showUnavailable(ImageAnalysis newAnalysis, String reason) {
    show(null, newAnalysis);
    failure = reason == null || reason.isBlank() ? "unknown error" : reason;
    placeholder.set("The SBOM could not be built: " + failure);
  }

  /** Applies the filter and the grouping to the SBOM and updates the tree, the counts and the summary. */
  private void rebuild() {
    ImageSbom current = sbom.get();
    if (current == null) {
      roots.set(List.of());
      counts.clear();
      summary.set("");
      placeholder.set(failure == null ? "" : "The SBOM could not be built: " + failure);
      return;
    }
    List<ImagePackage> matching = matching(current.packages());
    placeholder.set(current.packages().isEmpty() ? "No packages found in this image" : "No package matches the filter");
    Map<String, Integer> totals = current.countsByType();
    roots.set(switch (grouping.get()) {
      case ECOSYSTEM -> SbomTrees.byEcosystem(matching, totals);
      case LAYER -> SbomTrees.byLayer(matching, current.packages(), layers);
      case DEPENDENCIES -> SbomTrees.byDependencies(matching, dependencyGraph());
    });
    Map<String, Integer> matchingByType = new LinkedHashMap<>();
    for (ImagePackage found : matching) {
      matchingByType.merge(found.pkg().type(), 1, Integer::sum);
    }
    List<EcosystemCount> newCounts = new ArrayList<>();
    totals.forEach((type, total) ->
        newCounts.add(new EcosystemCount(type, matchingByType.getOrDefault(type, 0), total)));
    counts.setAll(newCounts);
    summary.set(summarize(matching.size(), current.packages().size()));
  }

  private List<ImagePackage> matching(List<ImagePackage> packages) {
    String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      return packages;
    }
    return packages.stream().filter(found -> searchText.get(found).contains(text)).toList();
  }

  private static String summarize(int matching, int total) {
    String packages = total == 1 ? " package" : " packages";
    if (matching == total) {
      return total + packages;
    }
    return matching + " of " + total + packages + " match";
  }

  /** Resolves dependency names once per SBOM, on first use, because only two views need them. */
  private Map<ImagePackage, List<ImagePackage>> dependencyGraph() {
    if (dependencyGraph == null) {
      dependencyGraph = sbom.get() == null ? Map.of() : sbom.get().dependencies();
    }
    return dependencyGraph;
  }

  private void showDetails(ImagePackage found) {
    if (found == null || sbom.get() == null) {
      details.set(null);
      return;
    }
    List<ImagePackage> resolved = dependencyGraph().getOrDefault(found, List.of());
    details.set(PackageDetails.of(found, layers, resolved, analysis != null));
  }

  /** Returns the line of a warning, for example {@code /var/lib/dpkg/status (layer #1 0b7c277f9c7c, dpkg): ...}. */
  private String warningLine(CatalogWarning warning) {
    StringBuilder line = new StringBuilder(EvidencePaths.display(warning.path())).append(" (");
    if (warning.layer() >= 0) {
      line.append("layer #").append(warning.layer());
      SbomLayer known = warning.layer() < layers.size() ? layers.get(warning.layer()) : null;
      if (known != null && known.diffId() != null) {
        line.append(' ').append(known.diffId().shortHex());
      }
      line.append(", ");
    }
    return line.append(warning.cataloger()).append("): ").append(warning.message()).toString();
  }

  /**
   * Shows the file a package was read from in the Layers tab, in the file system of the layer
   * that gave the package its version. For an entry inside an archive the archive is shown. Does
   * nothing when the package has no evidence path or the image's files are not open.
   */
  public void revealEvidence(ImagePackage found) {
    String path = found == null ? null : found.pkg().evidencePath();
    if (analysis == null || path == null || path.isBlank()) {
      return;
    }
    int top = analysis.layers().size() - 1;
    int layer = found.changedLayer() >= 0 && found.changedLayer() <= top ? found.changedLayer() : top;
    revealer.reveal(EvidencePaths.fileInImage(path), layer);
  }

  /** Sets what {@link #revealEvidence} calls; the main view model connects it to the Layers tab. */
  public void setFileRevealer(FileRevealer newRevealer) {
    revealer = newRevealer;
  }

  /** Writes the SBOM to a file in the background and reports the result in the export message. */
  public void export(SbomFormat format, Path target) {
    ImageSbom current = sbom.get();
    if (current == null) {
      return;
    }
    exportMessage.set("");
    executor.submit(new BackgroundTask<>(
        "Saving " + format.displayName() + " to " + target.getFileName(),
        progress -> {
          SbomDocuments.write(current, format, clock.instant(), target);
          return target;
        },
        written -> {
          if (sbom.get() == current) {
            int count = current.packages().size();
            exportMessage.set("Saved " + count + (count == 1 ? " package" : " packages") + " as "
                + format.displayName() + " to " + written);
          }
        },
        failure -> {
          if (!ErrorViewModel.isCancellation(failure)) {
            error.show("Saving the SBOM as " + format.displayName() + " failed", failure);
          }
        }));
  }

  /** Returns a file name to offer in the save dialog, for example {@code hygiene-bad.cdx.json}. */
  public String suggestedFileName(SbomFormat format) {
    return sbom.get() == null ? "sbom" + format.suffix() : SbomDocuments.suggestedFileName(sbom.get(), format);
  }

  /**
   * Returns the import line, for example "Imported syft.json (CycloneDX 1.6 JSON by syft 1.18.1)".
   * It is empty while the tab shows the image's own SBOM.
   */
  public ReadOnlyStringProperty importSourceProperty() {
    return importSource.getReadOnlyProperty();
  }

  /** Returns the second SBOM offered for comparison, or null; the SBOM tab shows a button while it is set. */
  public ReadOnlyObjectProperty<SbomOffer> offeredProperty() {
    return offered.getReadOnlyProperty();
  }

  /** Returns the comparison of an imported SBOM with the image's, or an empty string. */
  public ReadOnlyStringProperty comparisonProperty() {
    return comparison.getReadOnlyProperty();
  }

  /** Returns the SBOM shown; its value is null while no image is open. */
  public ReadOnlyObjectProperty<ImageSbom> sbomProperty() {
    return sbom.getReadOnlyProperty();
  }

  public ObjectProperty<SbomGrouping> groupingProperty() {
    return grouping;
  }

  /** Text that a package's name, version, license or package URL must contain, ignoring case. */
  public StringProperty filterProperty() {
    return filter;
  }

  /** Returns the top rows of the tree for the current grouping and filter. */
  public ReadOnlyObjectProperty<List<SbomNode>> rootsProperty() {
    return roots.getReadOnlyProperty();
  }

  /** Package counts per ecosystem, most frequent first, each with the number the filter matches. */
  public ObservableList<EcosystemCount> counts() {
    return counts;
  }

  /** Returns the line above the tree, for example "87 packages" or "3 of 87 packages match". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ObjectProperty<ImagePackage> selectedPackageProperty() {
    return selectedPackage;
  }

  /** Returns the details of the selected package; its value is null while none is selected. */
  public ReadOnlyObjectProperty<PackageDetails> detailsProperty() {
    return details.getReadOnlyProperty();
  }

  /** Files whose packages could not be read, one line each: path, layer, cataloger and reason. */
  public ObservableList<String> warnings() {
    return warnings;
  }

  /** Returns the text the tree shows while it has no rows: why there are none. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  /** Returns the result of the last export, for example "Saved 87 packages as SPDX JSON to /tmp/a.spdx.json". */
  public ReadOnlyStringProperty exportMessageProperty() {
    return exportMessage.getReadOnlyProperty();
  }
}
