package org.ncfspark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application jar Maven builds before the tests (target/ncf-spark-*-app.jar), for tests that
 * run the jobs as a cluster would: from that jar, with Spark and Hadoop beside it.
 */
public final class ApplicationJar {

  private ApplicationJar() {}

  /**
   * The jar, refusing a missing one or one older than the compiled classes (left by a build with
   * -DskipAppJar), which would test something else.
   */
  public static Path require() throws IOException {
    Path jar;
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"),
        "ncf-spark-*-app.jar")) {
      Iterator<Path> found = jars.iterator();
      jar = found.hasNext() ? found.next() : null;
    }
    if (jar == null || Files.getLastModifiedTime(jar).compareTo(newestClass()) < 0) {
      throw new IllegalStateException("target/ncf-spark-*-app.jar is missing or older than "
          + "target/classes: run the tests through Maven, which builds it before them, and "
          + "without -DskipAppJar");
    }
    return jar;
  }

  /**
   * A java command running {@code mainClass} from the application jar, with what a cluster
   * provides beside it (Spark, Hadoop, Scala: the test classpath without the product's own
   * classes) and this JVM's module openings.
   */
  public static List<String> javaCommand(String mainClass) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("-Dorg.bytedeco")) {
        command.add(argument);
      }
    }
    List<String> classpath = new ArrayList<>(List.of(require().toString()));
    String testClasspath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    for (String entry : testClasspath.split(java.io.File.pathSeparator)) {
      if (!entry.endsWith("target/classes") && !entry.endsWith("target/test-classes")) {
        classpath.add(entry);
      }
    }
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath), mainClass));
    return command;
  }

  private static FileTime newestClass() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("target/classes"))) {
      return files.filter(Files::isRegularFile)
          .map(ApplicationJar::lastModified)
          .max(Comparator.naturalOrder())
          .orElse(FileTime.fromMillis(0));
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
