package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSignature;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.SignatureResolver;
import gradgrid.job.conf.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link FunctionProvider} for a conf's function among those on the classpath. */
public final class FunctionProviders implements SignatureResolver {
  private final List<FunctionProvider> providers = new ArrayList<>();

  /**
   * Loads the providers visible to the context class loader (the app jar under spark-submit).
   *
   * @return the registry
   */
  public static FunctionProviders load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    FunctionProviders r = new FunctionProviders();
    ServiceLoader.load(FunctionProvider.class, cl).forEach(r.providers::add);
    return r;
  }

  /**
   * A registry of explicitly given providers (tests).
   *
   * @param providers the providers, tried in order
   * @return the registry
   */
  public static FunctionProviders of(FunctionProvider... providers) {
    FunctionProviders r = new FunctionProviders();
    r.providers.addAll(List.of(providers));
    return r;
  }

  @Override
  public List<Param> signature(FunctionSpec function) {
    return find(function).signature(function);
  }

  /**
   * Builds the evaluator for a checked sweep, with its fixed inputs bound (it reads the axis
   * columns only), and checks the kernel's function against {@code limits.max-equations}.
   *
   * @param spec the sweep
   * @return the factory shipped to executors
   * @throws ConfException if the kernel's function has more equations than the limit
   */
  public EvaluatorFactory evaluator(SweepSpec spec) {
    EvaluatorFactory factory =
        find(spec.function()).evaluator(spec.function(), spec.inputs(), spec.outputs());
    if (factory instanceof AdEvaluatorFactory ad) {
      spec.limits()
          .checkEquations(
              ad.kernelFunction().eqnCount(),
              spec.function().origin() + ": the sweep's function (all outputs together)");
    }
    return factory;
  }

  /**
   * The sweep's function, traced (the built-in or the parsed text expression).
   *
   * @param spec the sweep
   * @return the scalar function of the sweep's parameters, in call order
   */
  public Fn traced(SweepSpec spec) {
    return find(spec.function()).traced(spec.function(), spec.params());
  }

  /**
   * A function without a sweep, traced.
   *
   * @param signature the function and its parameters
   * @return the scalar function of its parameters, in call order
   */
  public Fn traced(FunctionSignature signature) {
    return find(signature.function()).traced(signature.function(), signature.params());
  }

  private FunctionProvider find(FunctionSpec function) {
    for (FunctionProvider p : providers) {
      if (p.accepts(function)) {
        return p;
      }
    }
    if (function.builtin() != null) {
      List<String> known = new ArrayList<>();
      for (FunctionProvider p : providers) {
        if (p instanceof BuiltinNames b) {
          known.addAll(b.builtinNames());
        }
      }
      throw new ConfException(
          function.origin()
              + ".builtin: unknown built-in '"
              + function.builtin()
              + "' (known: "
              + String.join(", ", known)
              + ")"
              + Suggest.didYouMean(function.builtin(), known));
    }
    throw new ConfException(
        function.origin()
            + ": text expressions are not available in this build yet"
            + " (use function { builtin = rational, deg-p = 5, deg-q = 5 })");
  }

  /** Implemented by providers that serve built-ins by name, for did-you-mean hints. */
  public interface BuiltinNames {
    /**
     * The built-in names this provider accepts.
     *
     * @return the names
     */
    List<String> builtinNames();
  }
}
