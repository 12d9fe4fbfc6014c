package org.gradus.lab;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts the labs draw, built with XChart: curves, cost curves, and two-class data with decision boundaries. */
public final class Plots {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private Plots() {
    }

    /** {@code n} evenly spaced numbers from {@code from} to {@code to}, both included (NumPy's {@code linspace}). */
    public static double[] linspace(double from, double to, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("linspace needs at least 2 points, got " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
        }
        return x;
    }

    /** Several curves over the same x values, one series per map entry (in the map's order). */
    public static XYChart lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> curves) {
        XYChart chart = chart(title, xTitle, yTitle);
        curves.forEach((name, y) -> {
            if (y.length != x.length) {
                throw new IllegalArgumentException("curve '" + name + "' has " + y.length + " values but there are "
                        + x.length + " x values");
            }
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }

    /** The cost after each training step, steps numbered from 1. */
    public static XYChart costCurve(String title, double[] costs) {
        double[] steps = new double[costs.length];
        Arrays.setAll(steps, i -> i + 1);
        return lines(title, "training step", "cost", steps, Map.of("cost", costs));
    }

    /**
     * The two classes as a scatter plot and one line per decision boundary, drawn across the data's
     * range (the chart is clipped to the data, padded by one unit).
     */
    public static XYChart decisionBoundaries(String title, TwoClassData data, List<Boundary> boundaries) {
        XYChart chart = chart(title, "x1", "x2");
        double[] range = range(data.points());
        chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(range[2]).setYAxisMax(range[3]);
        for (int label = 0; label <= 1; label++) {
            List<Double> x1 = new ArrayList<>();
            List<Double> x2 = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.labels()[i] == label) {
                    x1.add(data.points()[i][0]);
                    x2.add(data.points()[i][1]);
                }
            }
            XYSeries s = chart.addSeries("class " + label, x1, x2);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(label == 0 ? new Color(0xd6, 0x27, 0x28) : new Color(0x1f, 0x77, 0xb4));
        }
        for (Boundary boundary : boundaries) {
            double[] x1 = boundary.w2() == 0 ? new double[] {-boundary.b() / boundary.w1(), -boundary.b() / boundary.w1()}
                    : new double[] {range[0], range[1]};
            double[] x2 = boundary.w2() == 0 ? new double[] {range[2], range[3]}
                    : new double[] {boundary.x2At(range[0]), boundary.x2At(range[1])};
            chart.addSeries(boundary.label(), x1, x2).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** min x1, max x1, min x2, max x2 of the points, padded by one unit. */
    private static double[] range(double[][] points) {
        double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : points) {
            r[0] = Math.min(r[0], p[0]);
            r[1] = Math.max(r[1], p[0]);
            r[2] = Math.min(r[2], p[1]);
            r[3] = Math.max(r[3], p[1]);
        }
        return new double[] {r[0] - 1, r[1] + 1, r[2] - 1, r[3] + 1};
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }
}
