package org.ncfspark.prepare;

import java.io.Serializable;

/**
 * What counts as a bad row of the input and what happens to one.
 *
 * @param onBadRows stop at the first bad row, or drop bad rows and count them
 * @param maxBadFraction with {@link OnBadRows#DROP}: the share of a file's data lines that may be
 *     bad before the job fails anyway, as that many bad rows point at a wrong file
 * @param minRating lowest rating of the input's scale
 * @param maxRating highest rating of the input's scale
 */
public record InputRules(
    OnBadRows onBadRows, double maxBadFraction, double minRating, double maxRating)
    implements Serializable {

  /** For reading input that PrepareJob already checked: drop what does not parse, quietly. */
  public static final InputRules LENIENT = new InputRules(OnBadRows.DROP, 1, 0, Double.MAX_VALUE);

  /** The two ways of handling a bad row, named as on the command line. */
  public enum OnBadRows {
    FAIL, DROP;

    @Override
    public String toString() {
      return name().toLowerCase();
    }
  }
}
