package io.hullscope.source.registry;

/** The registry rejected the request as unauthenticated (401) or forbidden (403). */
public class RegistryAuthException extends RegistryException {

  public RegistryAuthException(String message, int status) {
    super(message, status);
  }
}
