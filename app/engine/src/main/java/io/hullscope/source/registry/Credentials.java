package io.hullscope.source.registry;

/**
 * A user name with a password, or an identity token (an OAuth2 refresh token that
 * {@code docker login} stores for some registries). {@link #toString()} never shows the secret.
 *
 * @param username user name; may be null with an identity token
 * @param password password or access token for Basic auth and token requests; null with an identity token
 * @param identityToken refresh token sent to the token endpoint instead of a password, or null
 */
public record Credentials(String username, String password, String identityToken) {

  public Credentials {
    boolean hasPassword = username != null && !username.isEmpty() && password != null;
    boolean hasToken = identityToken != null && !identityToken.isEmpty();
    if (!hasPassword && !hasToken) {
      throw new IllegalArgumentException("credentials need a user name and password, or an identity token");
    }
  }

  /** Returns credentials for Basic auth and for token requests that use Basic auth. */
  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  /** Returns credentials that send {@code token} as an OAuth2 refresh token to the token endpoint. */
  public static Credentials identityToken(String username, String token) {
    return new Credentials(username, null, token);
  }

  /** Returns true when these credentials can form a Basic auth header. */
  public boolean hasPassword() {
    return identityToken == null || identityToken.isEmpty();
  }

  @Override
  public String toString() {
    return hasPassword() ? "Credentials[user " + username + ", password hidden]" : "Credentials[identity token hidden]";
  }
}
