package org.ncfspark.cli;

/**
 * A mistake in the user's arguments or input data. Jobs report it as one line and exit non-zero,
 * without a stack trace, because there is nothing in the code for the user to debug.
 */
public class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
