package org.ncfspark.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files read and written through Hadoop's {@link FileSystem}, so that every path a job takes may
 * be local, {@code file:}, {@code hdfs:} or {@code s3a:}.
 */
public final class Storage {

  private final Configuration hadoop;

  public Storage(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  public FileSystem fileSystem(String path) {
    try {
      return new Path(path).getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + path, e);
    }
  }

  public boolean exists(String path) {
    try {
      return fileSystem(path).exists(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  public InputStream open(String path) {
    try {
      return fileSystem(path).open(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public OutputStream create(String path) {
    try {
      return fileSystem(path).create(new Path(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public String readString(String path) {
    try (InputStream in = open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public void writeString(String path, String text) {
    try (OutputStream out = create(path)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public void delete(String path) {
    try {
      fileSystem(path).delete(new Path(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /** Names of the entries directly under {@code dir}; none when it does not exist. */
  public List<String> list(String dir) {
    try {
      FileSystem fs = fileSystem(dir);
      Path path = new Path(dir);
      if (!fs.exists(path)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs.listStatus(path)) {
        names.add(status.getPath().getName());
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public void rename(String from, String to) {
    try {
      FileSystem fs = fileSystem(to);
      Path target = new Path(to);
      if (target.getParent() != null) {
        fs.mkdirs(target.getParent());
      }
      if (!fs.rename(new Path(from), target)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }

  /** Joins a child name onto a directory path. */
  public static String child(String dir, String name) {
    return new Path(dir, name).toString();
  }
}
