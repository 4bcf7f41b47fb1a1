package io.hullscope.ui.harbor;

import io.hullscope.image.ProgressListener;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborModel.Identity;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.sources.SourceKind;
import io.hullscope.ui.sources.SourceListing;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved Harbor connection in the sidebar. Loading it checks the credentials and reads Harbor's
 * version, so the sidebar shows the account and version. The projects are browsed in the Harbor
 * browser, not in the image table.
 */
public final class HarborSourceEntry extends SourceEntry {

  private static final Logger LOG = LoggerFactory.getLogger(HarborSourceEntry.class);

  private final ConnectionStore store;
  private volatile Connected connected;

  /** The client of a successful load, with the identity and version Harbor returned. */
  public record Connected(HarborClient client, Identity identity, String version) {

    /** Returns the sidebar line, for example "Signed in as user alice, Harbor v2.12.2". */
    public String describe() {
      return identity.describe() + (version == null ? "" : ", Harbor " + version);
    }
  }

  public HarborSourceEntry(String name, ConnectionStore store) {
    super(name, SourceKind.HARBOR);
    this.store = store;
  }

  @Override
  public SourceListing load(ProgressListener progress) {
    connected = null;
    progress.step("Connecting to Harbor " + name());
    try {
      Connected result = connect(store.open(name()));
      connected = result;
      return new SourceListing(List.of(), true, result.describe());
    } catch (IOException | RuntimeException e) {
      LOG.info("Harbor connection '{}' failed: {}", name(), e.toString());
      return new SourceListing(List.of(), false, "Not connected: " + ErrorViewModel.summary(e));
    }
  }

  /**
   * Checks a connection's credentials and reads the Harbor version; runs on a worker thread.
   *
   * @throws IOException when Harbor cannot be reached or rejects the credentials
   */
  public static Connected connect(HarborConnection connection) throws IOException {
    HarborClient client = new HarborClient(connection);
    Identity identity = client.identity();
    String version;
    try {
      version = client.version();
    } catch (IOException e) {
      // Some Harbor versions hide the system information from anonymous clients; the identity is what matters.
      LOG.info("Reading the version of Harbor {} failed: {}", connection.url(), e.toString());
      version = null;
    }
    return new Connected(client, identity, version);
  }

  /** Returns the client and identity of the last successful load, or null before one or after a failure. */
  public Connected connected() {
    return connected;
  }
}
