package io.hullscope.check;

import java.util.Locale;

/**
 * Kinds of credential files, recognized by their path. The secret checks report these files, and
 * the window's file viewer masks their values with the same list.
 */
public enum CredentialFile {
  DOTENV("an .env file"),
  NPMRC("an npm configuration file"),
  PYPIRC("a PyPI configuration file"),
  NETRC("a .netrc file"),
  DOCKER_CONFIG("a Docker client configuration"),
  GIT_CREDENTIALS("a Git credential store"),
  AWS_CREDENTIALS("an AWS credentials file"),
  KUBE_CONFIG("a kubeconfig");

  private final String description;

  CredentialFile(String description) {
    this.description = description;
  }

  /** Returns the kind of credential file at {@code path}, or null for any other file. */
  public static CredentialFile of(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    if (name.equals(".env") || name.startsWith(".env.") || (name.endsWith(".env") && name.length() > 4)) {
      return DOTENV;
    }
    if (name.equals(".npmrc") || lower.endsWith("etc/npmrc")) {
      return NPMRC;
    }
    if (name.equals(".pypirc")) {
      return PYPIRC;
    }
    if (name.equals(".netrc") || name.equals("_netrc")) {
      return NETRC;
    }
    if (lower.endsWith(".docker/config.json") || name.equals(".dockercfg")) {
      return DOCKER_CONFIG;
    }
    if (name.equals(".git-credentials")) {
      return GIT_CREDENTIALS;
    }
    if (lower.endsWith(".aws/credentials")) {
      return AWS_CREDENTIALS;
    }
    if (lower.endsWith(".kube/config") || lower.equals("etc/kubernetes/admin.conf")
        || lower.endsWith("/etc/kubernetes/admin.conf")) {
      return KUBE_CONFIG;
    }
    return null;
  }

  /** Says what kind of file this is, for finding texts: "an .env file", "a kubeconfig"... */
  public String description() {
    return description;
  }
}
