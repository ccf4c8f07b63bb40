package gradgrid.ad.transform;

import static gradgrid.ad.testing.Close.assertClose;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward and reverse mode agree on random functions composed of every primitive: gradients by
 * jacfwd and grad, Hessians by forward-over-reverse, reverse-over-reverse and forward-over-forward,
 * all checked against each other and the gradients against central finite differences.
 */
class RandomExpressionTest {
  private static final List<Param> PARAMS =
      List.of(Param.scalar("x"), Param.scalar("y"), Param.vector("v", 3));

  /** A random expression of bounded magnitude, drawing on every primitive. */
  private static Val gen(Random r, Val[] a, int depth) {
    if (depth == 0) {
      int k = r.nextInt(4);
      return k == 3 ? a[2].get(r.nextInt(3)) : k == 2 ? a[0].constant(r.nextDouble() - 0.5) : a[k];
    }
    Val p = gen(r, a, depth - 1);
    Val q = gen(r, a, depth - 1);
    Val pos = p.pow(2).add(1.0);
    return switch (r.nextInt(19)) {
      case 0 -> p.add(q);
      case 1 -> p.sub(q);
      case 2 -> p.mul(q);
      case 3 -> p.div(q.pow(2).add(1.0));
      case 4 -> p.pow(r.nextInt(4));
      case 5 -> pos.pow(q.tanh());
      case 6 -> p.tanh().exp();
      case 7 -> pos.log();
      case 8 -> p.sin();
      case 9 -> p.cos();
      case 10 -> p.tanh();
      case 11 -> pos.sqrt();
      case 12 -> Val.select(p.lt(q), p.mul(q), p.sub(q));
      case 13 -> a[2].mul(p).sum();
      case 14 -> a[2].dot(a[2].add(q));
      case 15 -> Val.stack(p, q, p.mul(q)).get(r.nextInt(3));
      case 16 -> pos.recip();
      case 17 -> p.neg();
      default -> Val.poly(a[2], p);
    };
  }

  private static double[][] point(Random r) {
    return new double[][] {
      {2 * r.nextDouble() - 1},
      {2 * r.nextDouble() - 1},
      {2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1}
    };
  }

  @Test
  void forwardAndReverseGradientsAgreeAndMatchFiniteDifferences() {
    Random r = new Random(42);
    for (int n = 0; n < 200; n++) {
      long seed = r.nextLong();
      Fn f = Fn.trace("e" + n, PARAMS, a -> gen(new Random(seed), a, 4));
      Fn rev = AD.grad(f, 0, 1, 2);
      Fn fwd = AD.jacfwd(f, 0, 1, 2);
      for (int t = 0; t < 5; t++) {
        double[][] p = point(r);
        double[][] gr = rev.call(p);
        double[][] gf = fwd.call(p);
        for (int k = 0; k < 3; k++) {
          for (int e = 0; e < gr[k].length; e++) {
            String what = f.name() + " arg " + k + "[" + e + "]";
            assertClose(gf[k][e], gr[k][e], 1e-12, 1.0, what + " forward vs reverse");
            assertClose(
                centralDifference(f, p, k, e),
                gr[k][e],
                1e-5,
                1.0,
                what + " vs finite differences");
          }
        }
      }
    }
  }

  @Test
  void hessiansAgreeAcrossModes() {
    Random r = new Random(43);
    for (int n = 0; n < 60; n++) {
      long seed = r.nextLong();
      Fn f = Fn.trace("h" + n, PARAMS, a -> gen(new Random(seed), a, 3));
      Fn fwdRev = AD.hessian(f, 0, 2);
      Fn revRev = AD.jacrev(AD.grad(f, 0, 2), 0, 2);
      Fn fwdFwd = AD.jacfwd(AD.jacfwd(f, 0, 2), 0, 2);
      for (int t = 0; t < 3; t++) {
        double[][] p = point(r);
        double[][] a = fwdRev.call(p);
        double[][] b = revRev.call(p);
        double[][] c = fwdFwd.call(p);
        for (int blk = 0; blk < a.length; blk++) {
          for (int e = 0; e < a[blk].length; e++) {
            String what = f.name() + " block " + blk + "[" + e + "]";
            assertClose(a[blk][e], b[blk][e], 1e-11, 1.0, what + " fwd-rev vs rev-rev");
            assertClose(a[blk][e], c[blk][e], 1e-11, 1.0, what + " fwd-rev vs fwd-fwd");
          }
        }
      }
    }
  }

  private static double centralDifference(Fn f, double[][] p, int arg, int elem) {
    double h = 1e-5;
    double[][] plus = copy(p);
    double[][] minus = copy(p);
    plus[arg][elem] += h;
    minus[arg][elem] -= h;
    return (f.callScalar(plus) - f.callScalar(minus)) / (2 * h);
  }

  private static double[][] copy(double[][] p) {
    double[][] c = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      c[i] = p[i].clone();
    }
    return c;
  }
}
