package io.hullscope.report;

import io.hullscope.index.FileTree;
import io.hullscope.sbom.Distro;

/**
 * Chooses the base of the final stage when a suggestion splits the build: a distroless image of the
 * same C library family and language runtime for Debian and Ubuntu images, {@code scratch} for
 * Alpine and unknown distributions, and UBI Micro for Red Hat family images.
 *
 * @param reference the image name without digest
 * @param hasShell whether that base has {@code /bin/sh}
 * @param note what the user must check about this choice
 */
record DockerfileMinimalBase(String reference, boolean hasShell, String note) {

  /** Chooses the final base from the image's distro and the runtimes found in its final file system. */
  static DockerfileMinimalBase choose(Distro distro, FileTree tree) {
    String id = distro == null || distro.id() == null ? "" : distro.id();
    switch (id) {
      case "debian", "ubuntu" -> {
        String runtime = runtime(tree);
        String note = "Distroless images have no shell and no package manager; " + runtime(runtime)
            + " Check that the program's shared libraries are in the image.";
        return new DockerfileMinimalBase("gcr.io/distroless/" + runtime + "-debian12", false, note);
      }
      case "rhel", "centos", "rocky", "almalinux", "fedora", "ol" -> {
        return new DockerfileMinimalBase("registry.access.redhat.com/ubi9/ubi-micro", true,
            "UBI Micro has a shell but no package manager; install what the program needs in the build stage.");
      }
      default -> {
        String from = id.isEmpty() ? "the image's distribution is unknown" : "the image is based on " + id;
        return new DockerfileMinimalBase("scratch", false, "scratch is empty, chosen because " + from + ": it suits a"
            + " statically linked program only. Otherwise use a minimal image of the same distribution.");
      }
    }
  }

  /** Returns the distroless variant for the runtime the image contains. */
  private static String runtime(FileTree tree) {
    if (tree == null) {
      return "cc";
    }
    if (exists(tree, "usr/bin/java") || exists(tree, "opt/java/openjdk/bin/java")) {
      return "java17";
    }
    if (exists(tree, "usr/bin/python3") || exists(tree, "usr/local/bin/python3")) {
      return "python3";
    }
    if (exists(tree, "usr/bin/node") || exists(tree, "usr/local/bin/node")) {
      return "nodejs20";
    }
    return "cc";
  }

  private static String runtime(String variant) {
    return switch (variant) {
      case "java17" -> "this variant runs java -jar, so ENTRYPOINT and CMD take the jar's arguments.";
      case "python3" -> "this variant has python3 as its entrypoint, so check the Python version and copy the"
          + " installed packages from the build stage.";
      case "nodejs20" -> "this variant has node as its entrypoint, so check the Node.js version.";
      default -> "this variant has glibc and libstdc++ for compiled programs.";
    };
  }

  private static boolean exists(FileTree tree, String path) {
    return tree.find(path).isPresent();
  }
}
