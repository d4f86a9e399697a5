package org.ncfspark.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Writes an RDD of CSV text as one file with a header, as MovieLens ships it: every partition
 * writes its part in parallel, then one executor task appends the parts in partition order to the
 * final file and deletes them. The lines pass through no driver. Local files are written without
 * Hadoop's .crc side files, so the directory holds only the CSVs.
 */
final class CsvFiles {

  private static final String PART_PREFIX = "part-";

  private CsvFiles() {}

  /** Writes {@code header} and then {@code lines} in partition order to {@code target}. */
  static void write(JavaSparkContext spark, JavaRDD<String> lines, String header, String target,
      String partsDir) {
    lines.saveAsTextFile(partsDir);
    HadoopSettings settings = HadoopSettings.of(spark.hadoopConfiguration());
    spark.parallelize(List.of(target), 1)
        .foreach(path -> concatenate(settings.configuration(), header, partsDir, path));
  }

  private static void concatenate(Configuration hadoop, String header, String partsDir,
      String target) {
    try {
      Path parts = new Path(partsDir);
      FileSystem partsFs = parts.getFileSystem(hadoop);
      FileStatus[] files = partsFs.listStatus(parts,
          path -> path.getName().startsWith(PART_PREFIX));
      Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      Path path = new Path(target);
      try (OutputStream out = writable(path.getFileSystem(hadoop)).create(path, true)) {
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
        for (FileStatus file : files) {
          try (InputStream in = partsFs.open(file.getPath())) {
            IOUtils.copyBytes(in, out, 1 << 20, false);
          }
        }
      }
      partsFs.delete(parts, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static FileSystem writable(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  /** The driver's Hadoop settings, carried to the task that concatenates. */
  private record HadoopSettings(Map<String, String> entries) implements Serializable {

    static HadoopSettings of(Configuration hadoop) {
      Map<String, String> entries = new HashMap<>();
      hadoop.forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
      return new HadoopSettings(entries);
    }

    Configuration configuration() {
      Configuration hadoop = new Configuration(false);
      entries.forEach(hadoop::set);
      return hadoop;
    }
  }
}
