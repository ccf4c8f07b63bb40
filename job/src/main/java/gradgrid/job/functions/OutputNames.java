package gradgrid.job.functions;

import gradgrid.ad.Param;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSignature;
import gradgrid.job.conf.OutputParser;
import gradgrid.job.conf.OutputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outputs of a function as SQL function names, which are the sweep's column names ({@code f},
 * {@code df_dx}, {@code d2f_dx2}, {@code grad_alpha}, {@code hessian_alpha_beta}, {@code
 * eigenvalues_hessian_alpha_beta}). A name is read back by writing the conf form it stands for
 * ({@code d2f/dx2}, {@code hessian(alpha, beta)}) and parsing that with the conf's own {@link
 * OutputParser}, so a SQL function accepts exactly what a sweep's {@code outputs} accepts.
 */
final class OutputNames {
  private static final Pattern DERIVATIVE = Pattern.compile("d(\\d*)f_d(\\w+)");
  private static final String GRAD = "grad_";
  private static final String HESSIAN = "hessian_";
  private static final String EIGENVALUES = "eigenvalues_hessian_";

  private OutputNames() {}

  /**
   * The outputs listed for a function: {@code f}; the first and second derivative for each scalar
   * input; {@code grad} of each input; the Hessian block of each pair of inputs in call order; the
   * eigenvalues of the Hessian over each vector input, over the vectors together and over all
   * inputs together. Higher orders and other input sets are loaded by name too ({@link #decode}).
   *
   * @param signature the function
   * @return the outputs, in that order
   */
  static List<OutputSpec> listed(FunctionSignature signature) {
    List<Param> params = signature.params();
    List<OutputSpec> out = new ArrayList<>();
    out.add(new OutputSpec.Value());
    for (Param p : params) {
      if (p.shape().isScalar()) {
        out.add(new OutputSpec.Derivative(p.name(), 1));
        out.add(new OutputSpec.Derivative(p.name(), 2));
      }
    }
    for (Param p : params) {
      out.add(new OutputSpec.Grad(p.name()));
    }
    for (int i = 0; i < params.size(); i++) {
      for (int j = i; j < params.size(); j++) {
        out.add(new OutputSpec.Hessian(params.get(i).name(), params.get(j).name()));
      }
    }
    for (Param p : params) {
      if (!p.shape().isScalar()) {
        out.add(new OutputSpec.Eigenvalues(List.of(p.name())));
      }
    }
    List<String> vectors =
        params.stream().filter(p -> !p.shape().isScalar()).map(Param::name).toList();
    if (vectors.size() > 1) {
      out.add(new OutputSpec.Eigenvalues(vectors));
    }
    if (params.size() > 1 && params.size() != vectors.size()) {
      out.add(new OutputSpec.Eigenvalues(params.stream().map(Param::name).toList()));
    }
    return out;
  }

  /**
   * The output a SQL function name stands for: read exactly, or, as Spark's function names ignore
   * case, one of the {@link #listed} outputs whose column matches ignoring case.
   *
   * @param name the function's name, as in a sweep's column
   * @param signature the function
   * @return the output, or empty when the name is no output of this function
   */
  static Optional<OutputSpec> decode(String name, FunctionSignature signature) {
    Optional<OutputSpec> exact = decodeExactly(name, signature);
    if (exact.isPresent()) {
      return exact;
    }
    for (OutputSpec o : listed(signature)) {
      if (o.column().equalsIgnoreCase(name)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  private static Optional<OutputSpec> decodeExactly(String name, FunctionSignature signature) {
    Map<String, Param> params = signature.paramsByName();
    for (String text : confForms(name, params)) {
      try {
        for (OutputSpec o : OutputParser.parse(text, params, name, signature.limits())) {
          if (o.column().equals(name)) {
            return Optional.of(o);
          }
        }
      } catch (ConfException e) {
        // not this reading of the name; another split of its parts may be
      }
    }
    return Optional.empty();
  }

  /** Every conf form a column name can be read as (input names may hold underscores). */
  private static List<String> confForms(String name, Map<String, Param> params) {
    List<String> forms = new ArrayList<>();
    if (name.equals("f")) {
      forms.add("f");
    }
    if (DERIVATIVE.matcher(name).matches()) {
      forms.add(name.replaceFirst("f_d", "f/d"));
    }
    if (name.startsWith(GRAD)) {
      for (List<String> split : splits(name.substring(GRAD.length()), params)) {
        forms.add("grad(" + String.join(", ", split) + ")");
      }
    }
    if (name.startsWith(EIGENVALUES)) {
      for (List<String> split : splits(name.substring(EIGENVALUES.length()), params)) {
        forms.add("eigenvalues(hessian(" + String.join(", ", split) + "))");
      }
    } else if (name.startsWith(HESSIAN)) {
      for (List<String> split : splits(name.substring(HESSIAN.length()), params)) {
        if (split.size() == 2) {
          forms.add("hessian(" + split.get(0) + ", " + split.get(1) + ")");
        }
      }
    }
    return forms;
  }

  /** The ways {@code text} is input names joined by underscores. */
  private static List<List<String>> splits(String text, Map<String, Param> params) {
    List<List<String>> out = new ArrayList<>();
    if (params.containsKey(text)) {
      out.add(List.of(text));
    }
    for (int i = text.indexOf('_'); i > 0; i = text.indexOf('_', i + 1)) {
      String head = text.substring(0, i);
      if (params.containsKey(head)) {
        for (List<String> tail : splits(text.substring(i + 1), params)) {
          List<String> s = new ArrayList<>();
          s.add(head);
          s.addAll(tail);
          out.add(s);
        }
      }
    }
    return out;
  }
}
