package io.hullscope.ui.sign;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust settings dialog: the list of trusted keys, roots, identities, Rekor keys and the
 * Sigstore trusted root, with add and remove. A change that fails leaves the settings as they
 * were and shows why. A change that succeeds runs the change listener, which verifies the open
 * image again.
 *
 * <p>The files are small (the store rejects anything over 1 MiB), so the changes run on the
 * calling thread.
 */
public final class TrustSettingsViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(TrustSettingsViewModel.class);

  private final TrustSettingsStore store;
  private final ObservableList<TrustEntry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<TrustEntry> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final StringProperty identityName = new SimpleStringProperty("");
  private final StringProperty identitySubject = new SimpleStringProperty("");
  private final BooleanProperty subjectPattern = new SimpleBooleanProperty(false);
  private final StringProperty identityIssuer = new SimpleStringProperty("");
  private final BooleanProperty issuerPattern = new SimpleBooleanProperty(false);
  private Runnable onChanged = () -> {};

  public TrustSettingsViewModel(TrustSettingsStore store) {
    this.store = store;
    refresh();
  }

  /** Sets what runs after every successful change, such as verifying the open image again. */
  public void setOnChanged(Runnable listener) {
    onChanged = listener;
  }

  /** Reads the list again from the store. */
  public void refresh() {
    try {
      entries.setAll(store.list());
    } catch (IOException e) {
      LOG.warn("Listing the trust settings failed", e);
      error.set("Reading the trust settings failed: " + e.getMessage());
    }
  }

  public void addKey(Path file) {
    change(() -> store.addKey(file), "Adding the key " + file.getFileName() + " failed");
  }

  public void addRoot(Path file) {
    change(() -> store.addRoot(file), "Adding the certificate " + file.getFileName() + " failed");
  }

  public void addRekorKey(Path file) {
    change(() -> store.addRekorKey(file), "Adding the Rekor key " + file.getFileName() + " failed");
  }

  public void setTrustedRoot(Path file) {
    change(() -> store.setTrustedRoot(file), "Setting the trusted root " + file.getFileName() + " failed");
  }

  /** Adds the identity in the form fields and clears the form when it was added. */
  public void addIdentity() {
    TrustedIdentity identity;
    try {
      identity = new TrustedIdentity(identityName.get(), identitySubject.get(), subjectPattern.get(),
          identityIssuer.get(), issuerPattern.get());
    } catch (IllegalArgumentException e) {
      error.set("The identity is invalid: " + e.getMessage());
      return;
    }
    if (change(() -> store.addIdentity(identity), "Adding the identity " + identity.name() + " failed")) {
      identityName.set("");
      identitySubject.set("");
      identityIssuer.set("");
      subjectPattern.set(false);
      issuerPattern.set(false);
    }
  }

  /** Removes the selected item. */
  public void removeSelected() {
    TrustEntry entry = selected.get();
    if (entry != null) {
      change(() -> store.remove(entry), "Removing " + entry.name() + " failed");
    }
  }

  private boolean change(Change change, String failure) {
    try {
      change.run();
    } catch (IOException e) {
      error.set(failure + ": " + e.getMessage());
      return false;
    }
    error.set("");
    refresh();
    onChanged.run();
    return true;
  }

  /** One change to the store. */
  @FunctionalInterface
  private interface Change {
    void run() throws IOException;
  }

  public ObservableList<TrustEntry> entries() {
    return entries;
  }

  public ObjectProperty<TrustEntry> selectedProperty() {
    return selected;
  }

  /** Returns why the last change failed; empty after a successful one. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public StringProperty identityNameProperty() {
    return identityName;
  }

  public StringProperty identitySubjectProperty() {
    return identitySubject;
  }

  /** Returns true when the subject field is a regular expression. */
  public BooleanProperty subjectPatternProperty() {
    return subjectPattern;
  }

  public StringProperty identityIssuerProperty() {
    return identityIssuer;
  }

  /** Returns true when the issuer field is a regular expression. */
  public BooleanProperty issuerPatternProperty() {
    return issuerPattern;
  }
}
