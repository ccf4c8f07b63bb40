package gradgrid.job.functions;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import gradgrid.ad.Fn;
import gradgrid.job.conf.ConfDir;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSignature;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.run.FunctionProviders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * gradgrid's functions and their derivatives as Spark SQL functions: a {@link FunctionCatalog} in
 * which each named function is a namespace and each of its outputs a function named like the
 * sweep's column, so {@code SELECT gradgrid.seed.df_dx(x, alpha, beta) FROM t} evaluates df/dx of
 * the function of {@code conf/seed.conf} on every row of {@code t}. Register it with {@code
 * spark.sql.catalog.gradgrid=gradgrid.job.functions.GradgridFunctions}. Its options ({@code
 * spark.sql.catalog.gradgrid.<option>}):
 *
 * <ul>
 *   <li>{@value #CONFS}: a directory whose sweep confs each give a function named after the file
 *       (default {@code conf}; a conf that does not load is an error when its functions are used);
 *   <li>{@code function.<name>}: a function in gradgrid's language, with {@code
 *       function.<name>.params} listing its parameters ({@code x, alpha[6]}), for a notebook.
 * </ul>
 */
public final class GradgridFunctions implements FunctionCatalog {
  /** The catalog name the documentation and {@code ./submit.sh sql} use. */
  public static final String NAME = "gradgrid";

  /** The option naming the directory of sweep confs. */
  public static final String CONFS = "confs";

  /** The prefix of the options that define functions inline. */
  public static final String FUNCTION = "function.";

  private static final String PARAMS = ".params";

  private String name = NAME;
  private final Map<String, Named> functions = new TreeMap<>();

  /** A function of the catalog: its signature, or why it did not load. */
  private static final class Named {
    final FunctionSignature signature;
    final String broken;
    final Supplier<Fn> traced;

    Named(FunctionSignature signature, String broken, FunctionProviders providers) {
      this.signature = signature;
      this.broken = broken;
      Fn[] memo = new Fn[1];
      this.traced =
          () -> {
            synchronized (memo) {
              if (memo[0] == null) {
                memo[0] = providers.traced(signature);
              }
              return memo[0];
            }
          };
    }
  }

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    FunctionProviders providers = FunctionProviders.load();
    SweepConfLoader loader = new SweepConfLoader(providers, Path.of(""));
    Path dir = Path.of(options.getOrDefault(CONFS, "conf"));
    for (Path conf : ConfDir.files(dir)) {
      String file = conf.getFileName().toString();
      String function = file.substring(0, file.length() - ".conf".length());
      try {
        Config config = loader.read(conf);
        if (config.hasPath("function")) {
          functions.put(key(function), new Named(loader.function(config), null, providers));
        }
      } catch (ConfException e) {
        functions.put(key(function), new Named(null, conf + ": " + e.getMessage(), providers));
      }
    }
    Map<String, String> given = options.asCaseSensitiveMap();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(FUNCTION) || k.endsWith(PARAMS)) {
        continue;
      }
      String function = k.substring(FUNCTION.length());
      String where = "spark.sql.catalog." + name + "." + k;
      try {
        String params = given.get(k + PARAMS);
        if (params == null) {
          throw new ConfException(
              where + PARAMS + " is missing: list the parameters, like 'x, alpha[6]'");
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("expression", e.getValue());
        block.put("params", Arrays.stream(params.split(",")).map(String::strip).toList());
        Config config =
            ConfigFactory.empty(where)
                .withValue("function", ConfigValueFactory.fromMap(block, where));
        functions.put(key(function), new Named(loader.function(config), null, providers));
      } catch (ConfException ex) {
        functions.put(key(function), new Named(null, where + ": " + ex.getMessage(), providers));
      }
    }
  }

  private static String key(String function) {
    return function.toLowerCase(Locale.ROOT);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Identifier[] listFunctions(String[] namespace) throws NoSuchNamespaceException {
    List<Identifier> out = new ArrayList<>();
    if (namespace.length == 0) {
      for (String function : functions.keySet()) {
        out.addAll(identifiers(function));
      }
    } else if (namespace.length == 1 && functions.containsKey(key(namespace[0]))) {
      out.addAll(identifiers(key(namespace[0])));
    } else {
      throw new NoSuchNamespaceException(namespace);
    }
    return out.toArray(new Identifier[0]);
  }

  private List<Identifier> identifiers(String function) {
    Named n = functions.get(function);
    if (n.signature == null) {
      return List.of();
    }
    List<Identifier> out = new ArrayList<>();
    for (OutputSpec o : OutputNames.listed(n.signature)) {
      out.add(Identifier.of(new String[] {function}, o.column()));
    }
    return out;
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    if (ident.namespace().length != 1) {
      throw new NoSuchFunctionException(ident);
    }
    String function = key(ident.namespace()[0]);
    Named n = functions.get(function);
    if (n == null) {
      throw new NoSuchFunctionException(ident);
    }
    if (n.signature == null) {
      throw new ConfException(n.broken);
    }
    OutputSpec output =
        OutputNames.decode(ident.name(), n.signature)
            .orElseThrow(() -> new NoSuchFunctionException(ident));
    return new OutputFunction(name, function, n.signature, output, n.traced);
  }
}
