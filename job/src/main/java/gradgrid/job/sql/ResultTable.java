package gradgrid.job.sql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.Seq;

/**
 * Prints query results: an aligned text table (numbers right-aligned, at most a given number of
 * rows) or CSV (every row, streamed partition by partition). Doubles print in Java's shortest
 * round-trip form; arrays as {@code [a, b, ...]}; nulls as {@code NULL} (empty in CSV).
 */
public final class ResultTable {
  private ResultTable() {}

  /**
   * Prints an aligned table of the first {@code maxRows} rows and a row-count line.
   *
   * @param data the result
   * @param maxRows the most rows to show, from 1 to {@link Integer#MAX_VALUE}
   * @param out where the table goes
   */
  public static void printTable(Dataset<Row> data, int maxRows, PrintStream out) {
    String[] names = data.columns();
    // One row more than shown tells whether there are more; no int limit can be one more than
    // Integer.MAX_VALUE, and no list holds more rows than that.
    List<Row> rows =
        data.limit(maxRows == Integer.MAX_VALUE ? maxRows : maxRows + 1).collectAsList();
    boolean more = rows.size() > maxRows;
    if (more) {
      rows = rows.subList(0, maxRows);
    }
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[names.length];
    boolean[] numeric = new boolean[names.length];
    for (int c = 0; c < names.length; c++) {
      width[c] = names[c].length();
      numeric[c] = true;
    }
    for (Row r : rows) {
      String[] line = new String[names.length];
      for (int c = 0; c < names.length; c++) {
        Object v = r.get(c);
        line[c] = render(v, "NULL");
        width[c] = Math.max(width[c], line[c].length());
        numeric[c] &= v == null || v instanceof Number;
      }
      cells.add(line);
    }
    out.println(join(names, width, new boolean[names.length]));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < names.length; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
    }
    out.println(rule);
    for (String[] line : cells) {
      out.println(join(line, width, numeric));
    }
    out.println(
        "("
            + rows.size()
            + (rows.size() == 1 ? " row" : " rows")
            + (more ? "; more not shown, raise --max-rows or use --csv" : "")
            + ")");
  }

  /**
   * Prints every row as CSV with a header line (RFC 4180 quoting).
   *
   * @param data the result
   * @param out where the CSV goes
   */
  public static void printCsv(Dataset<Row> data, PrintStream out) {
    String[] names = data.columns();
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < names.length; c++) {
      sb.append(c == 0 ? "" : ",").append(csv(names[c]));
    }
    out.println(sb);
    Iterator<Row> it = data.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      sb.setLength(0);
      for (int c = 0; c < names.length; c++) {
        sb.append(c == 0 ? "" : ",").append(csv(render(r.get(c), "")));
      }
      out.println(sb);
    }
  }

  /**
   * Renders one value.
   *
   * @param v a value from a {@link Row}
   * @param nullText what a null prints as
   * @return the text
   */
  static String render(Object v, String nullText) {
    if (v == null) {
      return nullText;
    }
    if (v instanceof Seq<?> seq) {
      StringBuilder sb = new StringBuilder("[");
      scala.collection.Iterator<?> it = seq.iterator();
      boolean first = true;
      while (it.hasNext()) {
        sb.append(first ? "" : ", ").append(render(it.next(), "NULL"));
        first = false;
      }
      return sb.append(']').toString();
    }
    if (v instanceof Row row) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < row.length(); i++) {
        sb.append(i == 0 ? "" : ", ").append(render(row.get(i), "NULL"));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static String join(String[] cells, int[] width, boolean[] right) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      sb.append(c == 0 ? "" : " | ");
      String pad = " ".repeat(width[c] - cells[c].length());
      sb.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
    }
    return sb.toString();
  }
}
