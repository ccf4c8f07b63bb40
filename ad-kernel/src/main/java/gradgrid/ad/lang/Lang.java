package gradgrid.ad.lang;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.trace.Val;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses function definitions written as text into traced functions. For example
 *
 * <pre>{@code
 * Fn f = Lang.parse("f", "poly(alpha, x) / (1 + poly(beta, x)^2)",
 *     List.of(Param.scalar("x"), Param.vector("alpha", 6), Param.vector("beta", 6)));
 * Fn df = AD.grad(f);
 * }</pre>
 *
 * The grammar, the functions and their derivative conventions are described in {@link
 * gradgrid.ad.lang the package overview} and in {@code README.md}, "The function language".
 */
public final class Lang {
  private Lang() {}

  /**
   * The function {@code name(params...)} defined by {@code text}. The parameters give the names and
   * shapes of the inputs the text may use. Every mistake in the text, shapes included, is found
   * here, before anything runs, and reported as a {@link LangException} with line, column and a
   * caret; a parameter list that is itself invalid (two parameters with one name) is an {@link
   * AdException}.
   */
  public static Fn parse(String name, String text, List<Param> params) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(params, "params");
    Set<String> seen = new HashSet<>();
    for (Param p : params) {
      if (!seen.add(p.name())) {
        throw new AdException(
            "function '" + name + "' has two parameters named '" + p.name() + "'");
      }
    }
    Source src = new Source(text);
    Node.Program program = new Parser(name, src, new Lexer(name, src).tokens()).program();
    GraphBuilder b = new GraphBuilder(name);
    Val[] args = new Val[params.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = new Val(b, b.addInput(params.get(i).shape()));
    }
    Val result = new Lowering(name, src, b, params, args, program.lets()).program(program);
    return new Fn(name, params, List.of(name), b.build(List.of(result.atom())));
  }

  /** {@link #parse(String, String, List)} with the parameters as varargs. */
  public static Fn parse(String name, String text, Param... params) {
    return parse(name, text, List.of(params));
  }

  /** The names of the built-in functions, in documentation order. */
  public static List<String> functions() {
    return List.copyOf(Builtins.ALL.keySet());
  }
}
