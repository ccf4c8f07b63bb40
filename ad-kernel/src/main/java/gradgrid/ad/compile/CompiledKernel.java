package gradgrid.ad.compile;

import java.util.List;
import java.util.Map;

/** A {@link Kernel} over a generated {@link KernelBody}: argument checks, then the batch loop. */
final class CompiledKernel implements Kernel {
  private final KernelBody body;
  private final String key;
  private final String source;
  private final Map<String, Integer> methodSizes;
  private final int inputWidth;
  private final int outputWidth;
  private final int[] inputSizes;
  private final int[] outputSizes;

  CompiledKernel(
      KernelBody body,
      String key,
      String source,
      Map<String, Integer> methodSizes,
      List<Integer> inputSizes,
      List<Integer> outputSizes) {
    this.body = body;
    this.key = key;
    this.source = source;
    this.methodSizes = Map.copyOf(methodSizes);
    this.inputSizes = inputSizes.stream().mapToInt(Integer::intValue).toArray();
    this.outputSizes = outputSizes.stream().mapToInt(Integer::intValue).toArray();
    this.inputWidth = sum(this.inputSizes);
    this.outputWidth = sum(this.outputSizes);
  }

  private static int sum(int[] a) {
    int s = 0;
    for (int x : a) {
      s += x;
    }
    return s;
  }

  @Override
  public int inputWidth() {
    return inputWidth;
  }

  @Override
  public int outputWidth() {
    return outputWidth;
  }

  @Override
  public void run(double[][] in, double[][] out, int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad row range [" + from + ", " + to + ")");
    }
    run(in, from, out, from, to - from);
  }

  @Override
  public void run(double[][] in, int inOffset, double[][] out, int outOffset, int rows) {
    if (rows < 0 || inOffset < 0 || outOffset < 0) {
      throw new IllegalArgumentException(
          "negative rows or offset: rows " + rows + ", offsets " + inOffset + ", " + outOffset);
    }
    check("input", in, inputWidth, inOffset + rows);
    check("output", out, outputWidth, outOffset + rows);
    if (rows > 0) {
      body.run(in, inOffset, out, outOffset, rows);
    }
  }

  private static void check(String what, double[][] cols, int width, int length) {
    if (cols == null || cols.length != width) {
      throw new IllegalArgumentException(
          "the kernel takes "
              + width
              + " "
              + what
              + " columns, got "
              + (cols == null ? "null" : cols.length));
    }
    for (int c = 0; c < width; c++) {
      if (cols[c] == null || cols[c].length < length) {
        throw new IllegalArgumentException(
            what
                + " column "
                + c
                + " needs at least "
                + length
                + " rows, got "
                + (cols[c] == null ? "null" : cols[c].length));
      }
    }
  }

  @Override
  public double[][] call(double[]... args) {
    if (args.length != inputSizes.length) {
      throw new IllegalArgumentException(
          "the kernel takes " + inputSizes.length + " arguments, got " + args.length);
    }
    double[][] in = new double[inputWidth][];
    int c = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null || args[i].length != inputSizes[i]) {
        throw new IllegalArgumentException(
            "argument "
                + i
                + " needs "
                + inputSizes[i]
                + " values, got "
                + (args[i] == null ? "null" : args[i].length));
      }
      for (double v : args[i]) {
        in[c++] = new double[] {v};
      }
    }
    double[][] out = new double[outputWidth][1];
    body.run(in, 0, out, 0, 1);
    double[][] r = new double[outputSizes.length][];
    c = 0;
    for (int j = 0; j < r.length; j++) {
      r[j] = new double[outputSizes[j]];
      for (int k = 0; k < r[j].length; k++) {
        r[j][k] = out[c++][0];
      }
    }
    return r;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Map<String, Integer> methodSizes() {
    return methodSizes;
  }

  @Override
  public String toString() {
    return "Kernel[" + inputWidth + " -> " + outputWidth + " columns, key " + key + "]";
  }
}
