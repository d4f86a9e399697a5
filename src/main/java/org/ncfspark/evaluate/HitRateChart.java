package org.ncfspark.evaluate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** hr_at_k.png: sampled HR@K for K = 1 to 20, one line per model, drawn without a display. */
public final class HitRateChart {

  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  private HitRateChart() {}

  /** The chart as PNG bytes; {@code curves}: HR@1, HR@2, ... per model name. */
  public static byte[] png(Map<String, List<Double>> curves, long candidatesPerUser) {
    // Executors and servers have no display; AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection lines = new XYSeriesCollection();
    for (Map.Entry<String, List<Double>> curve : curves.entrySet()) {
      XYSeries series = new XYSeries(curve.getKey());
      for (int k = 1; k <= curve.getValue().size(); k++) {
        series.add(k, curve.getValue().get(k - 1));
      }
      lines.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "HR@K, positive among " + candidatesPerUser + " candidates", "K", "HR@K", lines,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setRange(0.0, 1.0);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the HR@K chart", e);
    }
    return bytes.toByteArray();
  }
}
