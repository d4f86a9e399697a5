package org.ncfspark.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.ncfspark.cli.UserError;
import org.ncfspark.io.Json;
import org.ncfspark.io.Storage;

/**
 * What later stages read from a prepared directory's summary.json: the catalogue size (items
 * are the dense indices 0 to items - 1) and where the MovieLens input came from.
 */
public record PreparedFacts(long users, int items, String inputDir) {

  /** Reads summary.json; {@code option} names the option that gave the prepared directory. */
  public static PreparedFacts read(Storage storage, PreparedLayout layout, String option) {
    String path = layout.summary();
    if (!storage.exists(path)) {
      throw new UserError("option '" + option + "': " + path + " does not exist; PrepareJob "
          + "writes it");
    }
    JsonNode root;
    try {
      root = Json.read(storage.readString(path), path);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    JsonNode items = root.get("items");
    if (items == null || !items.canConvertToInt() || items.asInt() < 1) {
      throw new UserError(path + " has no positive top-level \"items\" count");
    }
    JsonNode users = root.get("users");
    JsonNode inputDir = root.path("parameters").get("inputDir");
    return new PreparedFacts(users == null ? 0 : users.asLong(), items.asInt(),
        inputDir == null || inputDir.isNull() ? null : inputDir.asText());
  }
}
