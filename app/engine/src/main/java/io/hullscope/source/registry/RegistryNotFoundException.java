package io.hullscope.source.registry;

/** The registry returned 404: the repository, tag, manifest or blob does not exist there. */
public class RegistryNotFoundException extends RegistryException {

  public RegistryNotFoundException(String message) {
    super(message, 404);
  }
}
