package io.hullscope.ui.sign;

import io.hullscope.sign.SignatureFinder;
import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.sbom.SbomOffer;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Signatures tab and the image table's "Signature" column: looks up the signatures of the
 * open image in the background, verifies them against the trust settings and keeps each
 * image's outcome for the column.
 *
 * <p>Registry and Harbor images are looked up as soon as they open. A Docker image is looked up
 * only on request, because that contacts the registry it was pulled from. Files have no
 * registry, so the tab says where signatures would be instead.
 */
public final class SignaturesViewModel {

  private final TaskExecutor executor;
  private final TrustSettingsStore store;
  private final Path trustFolder;
  private final ObservableList<SignatureRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<SignatureRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper trustProblem = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canLookUp = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canVerifyAgain = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper sbomSelected = new ReadOnlyBooleanWrapper(false);
  private final ObservableMap<String, SignatureState> states = FXCollections.observableHashMap();
  private Consumer<TaskHandle> taskTracker = handle -> {};
  private Consumer<SbomOffer> sbomOpener = offer -> {};
  private SignatureTarget target;
  private TaskHandle lookup;
  private int request;

  /** Creates the view model with the trust settings kept as files in {@code trustFolder}. */
  public SignaturesViewModel(TaskExecutor executor, Path trustFolder) {
    this(executor, TrustSettingsStore.folder(trustFolder), trustFolder);
  }

  SignaturesViewModel(TaskExecutor executor, TrustSettingsStore store, Path trustFolder) {
    this.executor = executor;
    this.store = store;
    this.trustFolder = trustFolder;
    selected.addListener((observable, before, after) -> {
      details.set(after == null ? "" : after.details());
      sbomSelected.set(after != null && after.isSbom() && target != null
          && target.kind() == SignatureTarget.Kind.REGISTRY);
    });
  }

  /** Sets who shows the lookups in the status bar, with progress and a cancel button. */
  public void setTaskTracker(Consumer<TaskHandle> tracker) {
    taskTracker = tracker;
  }

  /** Sets who shows an attested SBOM, normally the SBOM tab's comparison offer. */
  public void setSbomOpener(Consumer<SbomOffer> opener) {
    sbomOpener = opener;
  }

  /**
   * Shows the signatures of the image in {@code row}: starts the lookup of a registry image,
   * waits for the user for a Docker image and explains why a file has none.
   *
   * @param row the opened image; null clears the tab
   */
  public void show(ImageRow row) {
    cancelLookup();
    rows.clear();
    selected.set(null);
    trustProblem.set("");
    note.set("");
    canLookUp.set(false);
    canVerifyAgain.set(false);
    if (row == null) {
      target = null;
      where.set("");
      summary.set("");
      return;
    }
    target = SignatureTarget.of(row);
    where.set(target.explanation());
    switch (target.kind()) {
      case REGISTRY -> startLookup();
      case DOCKER -> {
        canLookUp.set(true);
        summary.set("Not looked up yet.");
        note.set(SignatureFinder.CONTENT_TRUST_NOTE);
      }
      case NONE -> summary.set("No registry: signatures cannot be looked up for this image.");
    }
  }

  /** Looks up the signatures of the open Docker image in the registry its repo digest names. */
  public void lookUp() {
    if (target != null && target.kind() == SignatureTarget.Kind.DOCKER) {
      startLookup();
    }
  }

  /**
   * Verifies the open image's signatures again, after the trust settings changed. The outcomes
   * of the other images were judged with the old settings, so their column entries go back to
   * unknown.
   */
  public void verifyAgain() {
    states.clear();
    if (target != null && target.kind() == SignatureTarget.Kind.REGISTRY) {
      startLookup();
    }
  }

  /** Stops a running lookup. */
  public void cancel() {
    cancelLookup();
  }

  private void cancelLookup() {
    request++;
    if (lookup != null) {
      lookup.cancel();
      lookup = null;
    }
    running.set(false);
  }

  private void startLookup() {
    cancelLookup();
    int current = request;
    SignatureTarget looking = target;
    running.set(true);
    canLookUp.set(false);
    summary.set("Looking up the signatures...");
    states.put(looking.key(), new SignatureState(SignatureStatus.LOOKING_UP, "Looking up the signatures"));
    TaskHandle handle = executor.submit(new BackgroundTask<>(
        "Looking up signatures",
        progress -> SignatureLookup.run(looking, store, progress),
        outcome -> {
          if (current == request) {
            showOutcome(outcome);
          }
        },
        failure -> {
          if (current != request) {
            return;
          }
          running.set(false);
          canLookUp.set(looking.kind() == SignatureTarget.Kind.DOCKER);
          canVerifyAgain.set(looking.kind() == SignatureTarget.Kind.REGISTRY);
          if (ErrorViewModel.isCancellation(failure)) {
            summary.set("The lookup was cancelled.");
            states.remove(looking.key());
          } else {
            String reason = ErrorViewModel.summary(failure);
            summary.set("Looking up the signatures failed: " + reason);
            states.put(looking.key(), new SignatureState(SignatureStatus.UNKNOWN, "The lookup failed: " + reason));
          }
        }));
    if (current == request) {
      lookup = handle;
      taskTracker.accept(handle);
    }
  }

  private void showOutcome(SignatureLookup.Outcome outcome) {
    lookup = null;
    running.set(false);
    target = outcome.target();
    where.set(target.explanation());
    trustProblem.set(outcome.trustProblem() == null ? ""
        : "The trust settings cannot be read, so nothing is trusted: " + outcome.trustProblem());
    if (target.kind() == SignatureTarget.Kind.NONE) {
      summary.set("No registry: signatures cannot be looked up for this image.");
      states.put(target.key(), new SignatureState(SignatureStatus.NOT_APPLICABLE, target.explanation()));
      return;
    }
    canVerifyAgain.set(true);
    List<SignatureResult> results = outcome.results();
    rows.setAll(results.stream().map(SignatureRow::new).toList());
    SignatureStatus status = SignatureStatus.of(results);
    String headline = headline(status, results);
    summary.set(headline);
    note.set(status == SignatureStatus.UNSIGNED ? SignatureFinder.CONTENT_TRUST_NOTE : "");
    states.put(target.key(), new SignatureState(status, tooltip(headline, results)));
    if (!rows.isEmpty()) {
      selected.set(rows.get(0));
    }
  }

  /** Returns the tab's one-line verdict for the whole image. */
  static String headline(SignatureStatus status, List<SignatureResult> results) {
    List<SignatureResult> signatures = results.stream()
        .filter(result -> result.kind() != SignatureKind.ATTESTATION
            && result.kind() != SignatureKind.DOCKER_CONTENT_TRUST)
        .toList();
    long attestations = results.stream().filter(result -> result.kind() == SignatureKind.ATTESTATION).count();
    long verified = signatures.stream().filter(result -> result.verdict().isVerified()).count();
    String attested = attestations == 0 ? "" : " " + count(attestations, "attestation") + " found.";
    return switch (status) {
      case UNSIGNED -> "Unsigned: no cosign, Sigstore or notation signature was found for this image." + attested;
      case VERIFIED -> "Verified: " + verified + " of " + count(signatures.size(), "signature")
          + " matched a trusted key or identity." + attested;
      case FAILED -> "Failed: " + (signatures.size() == 1 ? "the signature" : "all " + signatures.size()
          + " signatures") + " failed verification; see the reasons below." + attested;
      case SIGNED_UNVERIFIED -> "Signed, not verified: " + count(signatures.size(), "signature")
          + " found, but no trusted key or identity matched. Add one in Tools > Trust Settings." + attested;
      default -> "";
    };
  }

  private static String tooltip(String headline, List<SignatureResult> results) {
    List<String> signers = results.stream().map(SignatureResult::signer).filter(signer -> signer != null)
        .distinct().toList();
    return signers.isEmpty() ? headline : headline + "\nSigned by: " + String.join(", ", signers);
  }

  private static String count(long number, String noun) {
    return number + " " + noun + (number == 1 ? "" : "s");
  }

  /**
   * Opens the SBOM inside the selected attestation in the SBOM tab, where it is compared with the
   * SBOM Hullscope built for the image.
   */
  public void openSelectedSbom() {
    SignatureRow row = selected.get();
    SignatureTarget opened = target;
    if (row == null || !row.isSbom() || opened == null || opened.kind() != SignatureTarget.Kind.REGISTRY) {
      return;
    }
    String location = row.result().location();
    sbomOpener.accept(new SbomOffer("the attested SBOM",
        () -> AttestedSbom.read(SignatureLookup.client(opened), opened.reference().repository(), location)));
  }

  /** Returns what the "Signature" column shows for {@code row}. */
  public SignatureState stateOf(ImageRow row) {
    SignatureTarget rowTarget = SignatureTarget.of(row);
    SignatureState known = states.get(rowTarget.key());
    if (known != null) {
      return known;
    }
    return switch (rowTarget.kind()) {
      case NONE -> new SignatureState(SignatureStatus.NOT_APPLICABLE,
          "Opened from a file, which has no registry, so no signatures can be looked up");
      case DOCKER -> new SignatureState(SignatureStatus.UNKNOWN,
          "In the Docker daemon: open the image and press \"Look up in registry\" in the Signatures tab");
      case REGISTRY -> SignatureState.UNKNOWN;
    };
  }

  /** Returns the outcome of every image looked up so far, by image key, for the column to observe. */
  public ObservableMap<String, SignatureState> states() {
    return states;
  }

  /** Returns the folder of the trust settings, for the trust settings dialog. */
  public Path trustFolder() {
    return trustFolder;
  }

  public ObservableList<SignatureRow> rows() {
    return rows;
  }

  public ObjectProperty<SignatureRow> selectedProperty() {
    return selected;
  }

  /** Returns every fact of the selected signature, as lines. */
  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }

  /** Returns the verdict for the whole image, for example "Verified: 1 of 2 signatures matched ...". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Returns where the signatures are looked up, or why they cannot be. */
  public ReadOnlyStringProperty whereProperty() {
    return where.getReadOnlyProperty();
  }

  /** Returns why the trust settings could not be read; empty when they were. */
  public ReadOnlyStringProperty trustProblemProperty() {
    return trustProblem.getReadOnlyProperty();
  }

  /** Returns the note about Docker Content Trust when it matters; empty otherwise. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Returns true while a Docker image waits for the user to start its lookup. */
  public ReadOnlyBooleanProperty canLookUpProperty() {
    return canLookUp.getReadOnlyProperty();
  }

  /** Returns true when the open image has a registry to look up its signatures in again. */
  public ReadOnlyBooleanProperty canVerifyAgainProperty() {
    return canVerifyAgain.getReadOnlyProperty();
  }

  /** Returns true when the selected row is an SBOM attestation that can be opened. */
  public ReadOnlyBooleanProperty sbomSelectedProperty() {
    return sbomSelected.getReadOnlyProperty();
  }
}
