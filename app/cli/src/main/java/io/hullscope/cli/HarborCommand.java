package io.hullscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hullscope.check.Finding;
import io.hullscope.check.HarborProjectAudit;
import io.hullscope.check.Severity;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborModel.Identity;
import io.hullscope.source.harbor.HarborModel.Page;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborProjectSnapshot;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.HarborConnections;
import io.hullscope.store.SecretStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hullscope harbor}: browse a Harbor instance and audit its projects. */
@Command(
    name = "harbor",
    mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Lists Harbor projects and artifacts, and audits a project's settings.",
    subcommands = {HarborCommand.Login.class, HarborCommand.Logout.class, HarborCommand.Projects.class,
        HarborCommand.Artifacts.class, HarborCommand.Audit.class})
final class HarborCommand implements Runnable {

  /** Environment variable with the password or robot secret, so it stays out of shell history. */
  static final String SECRET_VARIABLE = "HULLSCOPE_HARBOR_SECRET";

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: use login, logout, projects, artifacts or audit.");
  }

  /** Options every Harbor command shares: where Harbor is and who we are. */
  static final class ConnectionOptions {
    @Option(names = "--connection", paramLabel = "NAME",
        description = "A connection saved with 'harbor login'; replaces --url, --user and the secret.")
    String connection;

    @Option(names = "--url", paramLabel = "URL", description = "Harbor address, for example https://harbor.example.com.")
    URI url;

    @Option(names = "--user", paramLabel = "NAME",
        description = "User or robot account (robot$project+name). The secret is read from $" + SECRET_VARIABLE
            + " or, with --password-stdin, from standard input. Default: anonymous.")
    String user;

    @Option(names = "--password-stdin", description = "Read the password or robot secret from standard input.")
    boolean passwordStdin;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM file of certificate authorities to trust.")
    Path caFile;

    @Option(names = "--insecure", description = "Allow a plain http:// address.")
    boolean insecure;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    String format;

    HarborClient connect(CommandSpec spec) throws IOException {
      if (!format.equals("text") && !format.equals("json")) {
        throw new ParameterException(spec.commandLine(), "Invalid format '" + format + "'. Use text or json.");
      }
      if (connection != null) {
        if (url != null || user != null) {
          throw new ParameterException(spec.commandLine(), "--connection replaces --url and --user; give one or the other.");
        }
        try (Database database = openDatabase()) {
          return new HarborClient(connections(database).open(connection));
        }
      }
      return new HarborClient(describe(spec));
    }

    /** Returns the connection the options describe, reading the secret from the environment or stdin. */
    HarborConnection describe(CommandSpec spec) throws IOException {
      if (url == null) {
        throw new ParameterException(spec.commandLine(), "Missing --url (or --connection NAME of a saved connection).");
      }
      String secret = null;
      if (user != null) {
        secret = passwordStdin ? readSecret() : System.getenv(SECRET_VARIABLE);
        if (secret == null || secret.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "Missing secret for user " + user + ": set $" + SECRET_VARIABLE
              + " or use --password-stdin.");
        }
      }
      try {
        return new HarborConnection(url, user, secret, caFile, insecure, null);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    private static String readSecret() throws IOException {
      BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = reader.readLine();
      return line == null ? null : line.strip();
    }
  }

  static Database openDatabase() throws IOException {
    java.nio.file.Files.createDirectories(AppPaths.dataDir());
    return Database.open(AppPaths.databaseFile());
  }

  static HarborConnections connections(Database database) {
    return new HarborConnections(database, SecretStores.system());
  }

  @Command(name = "login", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Checks a Harbor connection and saves it under a name for --connection.",
          "The secret goes to the desktop keyring when secret-tool works, otherwise to a file only you can read;"
              + " it is never stored in the database."})
  static final class Login implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions options;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name to save the connection under.")
    private String name;

    @Override
    public Integer call() throws IOException {
      HarborConnection connection = options.describe(spec);
      HarborClient client = new HarborClient(connection);
      Identity identity = client.identity();
      String version = client.version();
      try (Database database = openDatabase()) {
        connections(database).save(name, connection);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(identity.describe() + " at " + connection.url() + (version == null ? "" : " (Harbor " + version + ")"));
      out.println("Saved as '" + name + "'; use --connection " + name + ".");
      out.flush();
      return 0;
    }
  }

  @Command(name = "logout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Deletes a saved connection and its secret.")
  static final class Logout implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name of the saved connection.")
    private String name;

    @Override
    public Integer call() throws IOException {
      boolean deleted;
      try (Database database = openDatabase()) {
        deleted = connections(database).delete(name);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(deleted ? "Deleted the connection '" + name + "'." : "No saved connection is named '" + name + "'.");
      out.flush();
      return deleted ? 0 : 1;
    }
  }

  @Command(name = "projects", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Lists the projects visible to the account.")
  static final class Projects implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only projects whose name contains TEXT.")
    private String search;

    @Override
    public Integer call() throws IOException {
      HarborClient client = connection.connect(spec);
      Identity identity = client.identity();
      List<Project> projects = new ArrayList<>();
      Page<Project> page;
      int number = 1;
      do {
        page = client.projects(search, number++, HarborClient.MAX_PAGE_SIZE);
        projects.addAll(page.items());
      } while (page.hasMore() && !page.items().isEmpty());
      PrintWriter out = spec.commandLine().getOut();
      if (connection.format.equals("json")) {
        out.println(json(projects));
      } else {
        out.println(identity.describe() + " at " + client.connection().url());
        for (Project project : projects) {
          out.printf(Locale.ROOT, "%-30s %-8s %5d repositories%n", project.name(),
              project.isPublic() ? "public" : "private", project.repositoryCount());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "artifacts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Lists the artifacts of a repository with tags, scan results and accessories.")
  static final class Artifacts implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--repository", required = true, paramLabel = "PROJECT/REPO",
        description = "Repository as Harbor names it, for example library/nginx or team/app/api.")
    private String repository;

    @Override
    public Integer call() throws IOException {
      HarborClient client = connection.connect(spec);
      List<Artifact> artifacts = new ArrayList<>();
      Page<Artifact> page;
      int number = 1;
      do {
        page = client.artifacts(repository, number++, HarborClient.MAX_PAGE_SIZE);
        artifacts.addAll(page.items());
      } while (page.hasMore() && !page.items().isEmpty());
      PrintWriter out = spec.commandLine().getOut();
      if (connection.format.equals("json")) {
        out.println(json(artifacts));
      } else {
        for (Artifact artifact : artifacts) {
          String scan = artifact.scan() == null ? "not scanned"
              : artifact.scan().status() + " " + artifact.scan().counts();
          out.printf(Locale.ROOT, "%s  %-24s %s  accessories: %s%n", artifact.digest().substring(0, Math.min(19,
              artifact.digest().length())), String.join(",", artifact.tags()), scan,
              artifact.accessories().stream().map(a -> a.type()).toList());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Audits a project's settings and prints findings with the place in Harbor to fix each.",
          "Exit code 3 when a finding is at least as severe as --fail-on."})
  static final class Audit implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--project", required = true, paramLabel = "NAME", description = "Project to audit.")
    private String project;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
        description = "Exit with code 3 when a finding is this severe or worse: critical, high, medium, low.")
    private String failOn;

    @Override
    public Integer call() throws IOException {
      Severity threshold = null;
      if (failOn != null) {
        try {
          threshold = Severity.valueOf(failOn.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(),
              "Invalid severity '" + failOn + "'. Use critical, high, medium or low.");
        }
      }
      HarborClient client = connection.connect(spec);
      Identity identity = client.identity();
      List<Finding> findings = HarborProjectAudit.audit(HarborProjectSnapshot.read(client, project));
      PrintWriter out = spec.commandLine().getOut();
      if (connection.format.equals("json")) {
        out.println(json(findings));
      } else {
        out.println("Audit of project " + project + " at " + client.connection().url() + " (" + identity.describe() + ")");
        if (findings.isEmpty()) {
          out.println("No findings.");
        }
        for (Finding finding : findings) {
          out.println();
          out.println("[" + finding.severity() + "] " + finding.id() + ": " + finding.title());
          out.println("  Why:      " + finding.rationale());
          out.println("  Evidence: " + finding.evidence());
          out.println("  Fix:      " + finding.suggestion());
          out.println("  Where:    " + finding.location());
        }
      }
      out.flush();
      if (threshold != null) {
        for (Finding finding : findings) {
          if (finding.severity().compareTo(threshold) <= 0) {
            return 3;
          }
        }
      }
      return 0;
    }
  }

  private static String json(Object value) throws IOException {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }
}
