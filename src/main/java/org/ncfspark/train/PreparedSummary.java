package org.ncfspark.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Storage;
import org.ncfspark.io.Json;

/**
 * The counts TrainJob takes from the prepared data's summary.json: how many user and item indices
 * PrepareJob assigned, which sizes the two embeddings. The whole summary is kept to be embedded in
 * model.json, so a model says what data it was trained on.
 *
 * @param users number of user indices, 0 to users - 1
 * @param items number of item indices, 0 to items - 1
 * @param json the summary as written by PrepareJob
 */
public record PreparedSummary(int users, int items, JsonNode json) {

  public static PreparedSummary read(Storage storage, PreparedLayout layout) {
    String path = layout.summary();
    if (!storage.exists(path)) {
      throw new UserError("option '--prepared-dir': " + path + " not found; run PrepareJob first");
    }
    JsonNode json;
    try {
      json = Json.read(storage.readString(path), path);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    return new PreparedSummary(count(json, "users", path), count(json, "items", path), json);
  }

  /** Negatives PrepareJob drew per training positive, from the parameters it recorded. */
  public int trainNegatives() {
    JsonNode value = json.path("parameters").path("trainNegatives");
    if (!value.isIntegralNumber() || value.intValue() < 0) {
      throw new UserError("summary.json of the prepared data: expected a count "
          + "\"parameters.trainNegatives\" to resample negatives by, got " + value);
    }
    return value.intValue();
  }

  private static int count(JsonNode json, String field, String path) {
    JsonNode value = json.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()
        || value.intValue() <= 0) {
      throw new UserError(path + ": expected a positive integer field \"" + field + "\", got "
          + value);
    }
    return value.intValue();
  }
}
