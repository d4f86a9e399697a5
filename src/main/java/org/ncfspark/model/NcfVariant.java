package org.ncfspark.model;

import java.util.Locale;

/**
 * The three NCF instantiations of He et al. (WWW 2017). The notebook trained the multilayer
 * perceptron; generalized matrix factorization and their fusion are the paper's other two.
 */
public enum NcfVariant {

  /** User and item embeddings, concatenated, through ReLU layers to the output. */
  MLP,

  /** The element-wise product of a user and an item embedding, weighted into the output. */
  GMF,

  /** GMF's product and the MLP's last layer side by side, each with its own embeddings. */
  NEUMF;

  public boolean hasMlpBranch() {
    return this != GMF;
  }

  public boolean hasGmfBranch() {
    return this != MLP;
  }

  /** The lower-case name used on the command line, in model.json and in evaluation reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
