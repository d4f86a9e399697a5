package org.ncfspark.data;

/**
 * Column names shared by every stage. {@code user} and {@code item} are the dense 0-based indices
 * that PrepareJob assigns; {@code userId} and {@code movieId} are the ids of the input CSVs.
 */
public final class Columns {

  public static final String USER = "user";
  public static final String ITEM = "item";
  public static final String LABEL = "label";
  public static final String SCORE = "score";
  public static final String RANK = "rank";
  /** Negatives a user's positive was ranked against in evaluation. */
  public static final String NEGATIVES = "negatives";
  /** The model that scored a row: ncf or a baseline's name. */
  public static final String MODEL = "model";

  public static final String USER_ID = "userId";
  public static final String MOVIE_ID = "movieId";
  public static final String RATING = "rating";
  public static final String TIMESTAMP = "timestamp";
  public static final String TITLE = "title";
  public static final String GENRES = "genres";
  public static final String YEAR = "year";

  private Columns() {}
}
