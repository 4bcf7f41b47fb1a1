package io.hullscope.store;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where secrets are kept on this machine. */
public final class SecretStores {

  private static final Logger log = LoggerFactory.getLogger(SecretStores.class);

  private SecretStores() {}

  /** Returns the Secret Service store when {@code secret-tool} works, else files in {@code AppPaths.dataDir()/secrets}. */
  public static SecretStore system() {
    return choose(new SecretToolStore(), AppPaths.dataDir().resolve("secrets"));
  }

  /** Returns {@code secretTool} when it is available, else a {@link FileSecretStore} in {@code fallbackFolder}. */
  public static SecretStore choose(SecretToolStore secretTool, Path fallbackFolder) {
    SecretStore store = secretTool.isAvailable() ? secretTool : new FileSecretStore(fallbackFolder);
    log.info("Keeping connection secrets in {}", store.description());
    return store;
  }
}
