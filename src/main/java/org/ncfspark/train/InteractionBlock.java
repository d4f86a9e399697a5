package org.ncfspark.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.ncfspark.cli.UserError;

/**
 * The training rows of one partition as three parallel primitive arrays. Holding a partition this
 * way costs 12 bytes a row and lets each epoch cut minibatches straight from the arrays, with no
 * per-row objects.
 */
public final class InteractionBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] users;
  private final int[] items;
  private final float[] labels;

  public InteractionBlock(int[] users, int[] items, float[] labels) {
    if (users.length != items.length || users.length != labels.length) {
      throw new IllegalArgumentException("users, items and labels differ in length: "
          + users.length + ", " + items.length + ", " + labels.length);
    }
    this.users = users;
    this.items = items;
    this.labels = labels;
  }

  /** Collects rows of (user int, item int, label int) into one block. */
  public static InteractionBlock fromRows(Iterator<Row> rows) {
    int[] users = new int[1024];
    int[] items = new int[1024];
    float[] labels = new float[1024];
    int size = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (row.anyNull()) {
        throw new UserError("training row " + row + " lacks a user, item or label");
      }
      if (size == users.length) {
        int capacity = size * 2;
        users = Arrays.copyOf(users, capacity);
        items = Arrays.copyOf(items, capacity);
        labels = Arrays.copyOf(labels, capacity);
      }
      users[size] = row.getInt(0);
      items[size] = row.getInt(1);
      labels[size] = row.getInt(2);
      size++;
    }
    return new InteractionBlock(Arrays.copyOf(users, size), Arrays.copyOf(items, size),
        Arrays.copyOf(labels, size));
  }

  public int size() {
    return users.length;
  }

  public int user(int row) {
    return users[row];
  }

  public int item(int row) {
    return items[row];
  }

  public float label(int row) {
    return labels[row];
  }
}
