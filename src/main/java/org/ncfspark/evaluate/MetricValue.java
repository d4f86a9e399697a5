package org.ncfspark.evaluate;

/** A metric averaged over users, with the bounds of its bootstrap confidence interval. */
public record MetricValue(double value, double low, double high) {}
