package gradgrid.job.figures;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a chart as {@code <name>.png} and {@code <name>.svg}. */
public final class FigureFiles {
  private FigureFiles() {}

  /**
   * Writes both files, creating the directory if needed.
   *
   * @param chart the chart
   * @param dir the directory
   * @param name the base file name
   * @param width pixels across
   * @param height pixels down
   * @return the two files written
   */
  public static List<Path> write(JFreeChart chart, Path dir, String name, int width, int height) {
    System.setProperty("java.awt.headless", "true");
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    try {
      Files.createDirectories(dir);
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
      SVGGraphics2D g = new SVGGraphics2D(width, height);
      chart.draw(g, new Rectangle(width, height));
      SVGUtils.writeToSVG(svg.toFile(), g.getSVGElement());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + " / " + svg, e);
    }
    return List.of(png, svg);
  }
}
