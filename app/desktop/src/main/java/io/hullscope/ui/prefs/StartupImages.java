package io.hullscope.ui.prefs;

import io.hullscope.image.ImageReference;
import io.hullscope.ui.MainViewModel;
import io.hullscope.ui.registry.RegistryImageRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the images named on the command line ({@code hullscope open IMAGE...}, or a path a file
 * manager passes) in the window. Each one is added to the sidebar; the last one stays selected.
 */
public final class StartupImages {

  private static final Logger LOG = LoggerFactory.getLogger(StartupImages.class);

  /** Prefix of an image read from its registry, as the command line and skopeo write it. */
  public static final String REGISTRY_PREFIX = "docker://";

  /** Kind of image source an argument names. */
  enum Kind { PATH, MISSING_PATH, REGISTRY, DAEMON }

  private StartupImages() {}

  /** Opens each argument; a failure is shown in the window's error banner and the rest still open. */
  public static void open(List<String> arguments, MainViewModel viewModel, UserPreferences preferences) {
    for (String argument : arguments) {
      LOG.info("Opening {} from the command line", argument);
      switch (kind(argument)) {
        case PATH -> viewModel.openPathAndImage(Path.of(argument));
        case MISSING_PATH -> viewModel.error().show("Opening " + argument + " failed",
            new NoSuchFileException(argument, null, "file not found; check the path of the image archive or OCI layout"));
        case REGISTRY -> openRegistry(argument.substring(REGISTRY_PREFIX.length()), viewModel, preferences);
        case DAEMON -> viewModel.openDaemonImage(argument);
      }
    }
  }

  /**
   * Returns what the argument names: an existing file or folder, a path that does not exist, a
   * {@code docker://} reference, or otherwise an image name for the Docker daemon.
   */
  static Kind kind(String argument) {
    if (argument.startsWith(REGISTRY_PREFIX)) {
      return Kind.REGISTRY;
    }
    try {
      if (Files.exists(Path.of(argument))) {
        return Kind.PATH;
      }
    } catch (InvalidPathException e) {
      return Kind.DAEMON;
    }
    return looksLikePath(argument) ? Kind.MISSING_PATH : Kind.DAEMON;
  }

  /** Returns true for text no image name can be: a .tar name, or an absolute or explicitly relative path. */
  private static boolean looksLikePath(String argument) {
    return argument.endsWith(".tar") || argument.startsWith("/") || argument.startsWith("./")
        || argument.startsWith("../") || argument.startsWith("~") || argument.contains(File.separator + File.separator)
        || (File.separatorChar == '\\' && argument.contains("\\"));
  }

  private static void openRegistry(String reference, MainViewModel viewModel, UserPreferences preferences) {
    try {
      ImageReference parsed = ImageReference.parse(reference);
      Optional<SavedRegistryHost> saved = preferences.registryHost(parsed.registry());
      RegistryImageRequest request = RegistryImageRequest.of(reference, saved.map(SavedRegistryHost::insecure)
          .orElse(false), saved.map(SavedRegistryHost::caFile).map(Path::toString).orElse(null), null, null);
      viewModel.openRegistryImage(request);
    } catch (IllegalArgumentException e) {
      viewModel.error().show("Opening " + REGISTRY_PREFIX + reference + " failed", e);
    }
  }
}
