package io.hullscope.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The image argument and the options that choose how it is opened, shared by commands as a picocli mixin. */
final class ImageOptions {

  @Parameters(
      paramLabel = "IMAGE",
      description = "A docker save archive, an OCI layout folder, docker://REGISTRY/REPOSITORY:TAG to read a"
          + " registry directly, or a reference the Docker daemon knows.")
  String target;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Registry to reach over plain HTTP (docker:// images only). Certificates of HTTPS registries are"
          + " always checked.")
  java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

  @Option(names = "--registry-ca", paramLabel = "FILE",
      description = "PEM file of certificate authorities to trust for the docker:// image's registry.")
  java.nio.file.Path registryCa;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-platform image; default: this machine's.")
  String platform;

  @Option(names = "--docker-host", paramLabel = "URI",
      description = "Docker daemon address, for example unix:///var/run/docker.sock; default: DOCKER_HOST.")
  String dockerHost;
}
