package org.ncfspark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * Runs a job's picocli command the same way for every job: options may come from a properties
 * file given by {@code --config} (keys are option names without dashes, the command line wins),
 * user mistakes end in one line on stderr and exit code 2, failures in exit code 1.
 */
public final class JobCommand {

  public static final int EXIT_USER_ERROR = 2;
  public static final int EXIT_FAILURE = 1;

  private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);

  private JobCommand() {}

  /** Parses {@code args} into {@code job}, runs it and returns the process exit code. */
  public static int execute(Callable<Integer> job, String... args) {
    CommandLine command = new CommandLine(job)
        .setUsageHelpAutoWidth(true)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(JobCommand::onBadArguments)
        .setExecutionExceptionHandler(JobCommand::onFailure);
    try {
      configFile(args).ifPresent(file -> command.setDefaultValueProvider(defaults(file)));
    } catch (UserError e) {
      command.getErr().println(command.getCommandName() + ": " + e.getMessage());
      return EXIT_USER_ERROR;
    }
    return command.execute(args);
  }

  /** Runs the job and exits the JVM with its code; for the jobs' {@code main} methods. */
  public static void main(Callable<Integer> job, String... args) {
    System.exit(execute(job, args));
  }

  private static Optional<Path> configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(ConfigOption.NAME) && i + 1 < args.length) {
        return Optional.of(existingConfig(args[i + 1]));
      }
      String prefix = ConfigOption.NAME + "=";
      if (args[i].startsWith(prefix)) {
        return Optional.of(existingConfig(args[i].substring(prefix.length())));
      }
    }
    return Optional.empty();
  }

  private static Path existingConfig(String name) {
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new UserError("option '" + ConfigOption.NAME + "': no such file: " + name);
    }
    return file;
  }

  private static PropertiesDefaultProvider defaults(Path file) {
    return new PropertiesDefaultProvider(file.toFile());
  }

  private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandName() + ": " + e.getMessage());
    err.println("Run with --help to list every option and its default.");
    return EXIT_USER_ERROR;
  }

  private static int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    UserError userError = userError(e);
    if (userError != null) {
      command.getErr().println(command.getCommandName() + ": " + userError.getMessage());
      return EXIT_USER_ERROR;
    }
    LOG.error("{} failed", command.getCommandName(), e);
    return EXIT_FAILURE;
  }

  /** A user error may arrive wrapped, for example by a Spark task failure. */
  private static UserError userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UserError found) {
        return found;
      }
    }
    return null;
  }
}
