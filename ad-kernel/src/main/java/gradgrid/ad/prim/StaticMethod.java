package gradgrid.ad.prim;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A public static {@code double} method named by its class and name, the one fact a rule-table line
 * gives for evaluation: the interpreter calls it through a lambda bound here, and generated kernels
 * call it by its {@link #javaName()}, so the two run the same method and agree bit for bit.
 */
record StaticMethod(Class<?> owner, String method) {
  /** The fully qualified call target as Java source writes it ({@code java.lang.Math.sin}). */
  String javaName() {
    return owner.getName() + "." + method;
  }

  /** The method {@code double m(double)} as a lambda, bound once. */
  DoubleUnaryOperator unary() {
    return (DoubleUnaryOperator) bind(DoubleUnaryOperator.class, "applyAsDouble", 1);
  }

  /** The method {@code double m(double, double)} as a lambda, bound once. */
  DoubleBinaryOperator binary() {
    return (DoubleBinaryOperator) bind(DoubleBinaryOperator.class, "applyAsDouble", 2);
  }

  private Object bind(Class<?> iface, String sam, int arity) {
    MethodType type =
        arity == 1
            ? MethodType.methodType(double.class, double.class)
            : MethodType.methodType(double.class, double.class, double.class);
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle target = lookup.findStatic(owner, method, type);
      return LambdaMetafactory.metafactory(
              lookup, sam, MethodType.methodType(iface), type, target, type)
          .getTarget()
          .invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("no public static " + type + " " + javaName(), e);
    }
  }
}
