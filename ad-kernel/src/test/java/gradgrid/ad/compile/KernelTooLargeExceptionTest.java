package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.trace.Val;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Size failures of the kernel compiler become one clear message; other failures stay as they are.
 */
class KernelTooLargeExceptionTest {
  /** Three outputs (x + 1, x * 2, sin x) from three equations. */
  private static final Graph G =
      Fn.traceMany(
              "g",
              List.of(Param.scalar("x")),
              List.of("a", "b", "c"),
              a -> new Val[] {a[0].add(1.0), a[0].mul(2.0), a[0].sin()})
          .graph();

  @Test
  void aMethodOverTheJvmsCodeLimitIsReportedAsTooLarge() {
    // 20,000 statements of about 10 bytes each: more than the 64 KB a JVM method may hold
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      body.append("    s = s * 1.5 + ").append(i).append(";\n");
    }
    String source =
        "public final class "
            + SourceGen.CLASS
            + " implements gradgrid.ad.compile.KernelBody {\n"
            + "  public void run(double[][] in, int inOff, double[][] out, int outOff, int n) {\n"
            + "    double s = 0;\n"
            + body
            + "    out[0][outOff] = s;\n  }\n}\n";
    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> JaninoCompiler.compile(source, null));
    KernelTooLargeException e = KernelTooLargeException.of(G, failure);
    assertTrue(
        e.getMessage()
            .startsWith(
                "the kernel is too large: 3 outputs (3 equations; a method's code grows beyond"
                    + " the JVM's 64 KB); split the outputs"),
        e.getMessage());
    assertFalse(e.heapMayHelp());
    assertNull(e.getCause(), "no cause: the message is the root of any chain");
    assertSame(failure, e.getSuppressed()[0]);
    assertInstanceOf(KernelCompileException.class, e);
  }

  @Test
  void runningOutOfMemoryWhileCompilingSaysRaiseTheHeapOrSplit() {
    KernelTooLargeException e =
        KernelTooLargeException.of(
            G, new RuntimeException(new OutOfMemoryError("Java heap space")));
    assertEquals(
        "the kernel is too large: 3 outputs (3 equations; the compiler ran out of memory);"
            + " raise the heap (-Xmx) or split the outputs over several kernels",
        e.getMessage());
    assertTrue(e.heapMayHelp());
    assertEquals(3, e.outputs());
    assertEquals(3, e.equations());
  }

  @Test
  void aConstantPoolOverflowIsReportedAsTooLarge() {
    KernelTooLargeException e =
        KernelTooLargeException.of(
            G,
            new IllegalStateException(
                "Constant pool for class GeneratedKernel has grown past JVM limit of 0xFFFF"));
    assertTrue(e.getMessage().contains("65,535 constant pool entries"), e.getMessage());
    assertFalse(e.heapMayHelp());
  }

  @Test
  void aCompileThatCannotFitInTheHeapIsRefusedBeforeItStarts() {
    KernelTooLargeException e =
        assertThrows(
            KernelTooLargeException.class,
            () -> KernelTooLargeException.checkHeap(G, 1L << 30, 2L << 30));
    // 3 equations x 1 GiB each against a 2 GiB heap
    assertTrue(
        e.getMessage()
            .startsWith(
                "the kernel is too large: 3 outputs (3 equations; compiling needs at least 3072"
                    + " MiB, the heap holds 2048 MiB); raise the heap (-Xmx) or split"),
        e.getMessage());
    KernelTooLargeException.checkHeap(G, 1L << 30, 3L << 30);
  }

  @Test
  void otherFailuresAreNotAboutSize() {
    KernelCompileException syntax =
        assertThrows(
            KernelCompileException.class,
            () ->
                JaninoCompiler.compile(
                    "public final class GeneratedKernel {\n  int x = ;\n}\n", null));
    assertNull(KernelTooLargeException.of(G, syntax));
    assertNull(KernelTooLargeException.of(G, new IllegalArgumentException("bad shape")));
  }
}
