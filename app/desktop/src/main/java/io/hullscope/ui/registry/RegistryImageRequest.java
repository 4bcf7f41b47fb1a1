package io.hullscope.ui.registry;

import io.hullscope.image.ImageReference;
import io.hullscope.source.registry.Credentials;
import io.hullscope.source.registry.CredentialStore;
import io.hullscope.source.registry.DockerConfigCredentials;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import java.nio.file.Path;

/**
 * The fields of the "Open registry image" dialog.
 *
 * @param reference for example {@code 127.0.0.1:5000/app:1.0} or {@code registry.example.com/team/app@sha256:...}
 * @param insecure true to reach the registry over plain HTTP
 * @param caFile extra certificate authorities to trust, or null
 * @param username null to use {@code ~/.docker/config.json} (or no credentials)
 * @param password null exactly when {@code username} is null; never printed by {@link #toString()}
 */
public record RegistryImageRequest(ImageReference reference, boolean insecure, Path caFile, String username,
    String password) {

  public RegistryImageRequest {
    if (reference == null) {
      throw new IllegalArgumentException("give an image reference such as 127.0.0.1:5000/app:1.0");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both a user name and a password, or neither");
    }
  }

  /**
   * Parses the dialog's fields; a blank user name means no credentials of its own.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  public static RegistryImageRequest of(String reference, boolean insecure, String caFile, String username,
      String password) {
    ImageReference parsed = ImageReference.parse(reference);
    Path ca = caFile == null || caFile.isBlank() ? null : Path.of(caFile.strip());
    if (username == null || username.isBlank()) {
      return new RegistryImageRequest(parsed, insecure, ca, null, null);
    }
    String secret = password == null ? "" : password;
    return new RegistryImageRequest(parsed, insecure, ca, username.strip(), secret);
  }

  /** Returns the registry options for this request, with Docker's stored credentials as the fallback. */
  RegistryOptions options(CredentialStore fallback) {
    RegistryHostSettings settings = RegistryHostSettings.DEFAULT.withInsecure(insecure);
    if (caFile != null) {
      settings = settings.withCaFile(caFile);
    }
    if (username != null) {
      settings = settings.withCredentials(Credentials.basic(username, password));
    }
    return RegistryOptions.DEFAULT.withCredentialStore(fallback).withHost(reference.registry(), settings);
  }

  /** Returns the registry options with the credentials of {@code ~/.docker/config.json} as the fallback. */
  RegistryOptions options() {
    return options(DockerConfigCredentials.fromEnvironment());
  }

  /** Describes the request without its password. */
  @Override
  public String toString() {
    return "RegistryImageRequest[" + reference + (insecure ? ", insecure" : "") + (caFile == null ? "" : ", CA " + caFile)
        + (username == null ? "" : ", user " + username) + "]";
  }
}
