package gradgrid.ad.compile;

import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.Primitive;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical hash of a graph: SHA-256 over a serialisation that names each primitive with its
 * parameters, numbers variables by position of definition, and writes literals as raw IEEE bits.
 * Equal graphs built in two JVMs (or twice in one) get equal keys; nothing depends on object
 * identity, hash codes or iteration order of hashed collections.
 */
final class GraphHash {
  /** Bumped whenever generated code changes meaning, so stale keys never match. */
  private static final String FORMAT = "gradgrid-kernel-v1";

  private GraphHash() {}

  /** The hex SHA-256 of {@code g}'s canonical form plus the compile options in {@code salt}. */
  static String of(Graph g, String salt) {
    StringBuilder sb = new StringBuilder(FORMAT).append('\n').append(salt).append('\n');
    graph(sb, g);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The canonical form of {@code g}: inputs, equations, outputs, variables by position. */
  private static void graph(StringBuilder sb, Graph g) {
    Map<Var, Integer> pos = new HashMap<>();
    sb.append("in");
    for (Var v : g.inputs()) {
      pos.put(v, pos.size());
      sb.append(' ').append(v.shape());
    }
    sb.append('\n');
    for (Eqn e : g.eqns()) {
      prim(sb, e.prim());
      for (Atom a : e.inputs()) {
        sb.append(' ');
        atom(sb, pos, a);
      }
      pos.put(e.out(), pos.size());
      sb.append(" : ").append(e.out().shape()).append('\n');
    }
    sb.append("out");
    for (Atom a : g.outputs()) {
      sb.append(' ');
      atom(sb, pos, a);
    }
  }

  /**
   * Class, printed name and every record component by name and value: what makes two primitives
   * equal. Written field by field, not through the record's {@code toString()} (whose first call in
   * a JVM bootstraps {@code ObjectMethods}, tens of milliseconds before a cached kernel loads).
   */
  private static void prim(StringBuilder sb, Primitive p) {
    sb.append(p.getClass().getName()).append(' ').append(p.name());
    RecordComponent[] fields = p.getClass().getRecordComponents();
    if (fields == null) {
      return;
    }
    for (RecordComponent c : fields) {
      Object v;
      try {
        v = c.getAccessor().invoke(p);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot read " + p.getClass().getName() + "." + c.getName(), e);
      }
      sb.append(' ').append(c.getName()).append('=');
      value(sb, v, p);
    }
  }

  /** One field's value, exactly: doubles as raw IEEE bits, the rest by their canonical text. */
  private static void value(StringBuilder sb, Object v, Primitive p) {
    if (v instanceof Double d) {
      sb.append(Long.toHexString(Double.doubleToRawLongBits(d)));
    } else if (v instanceof double[] a) {
      for (int k = 0; k < a.length; k++) {
        sb.append(k == 0 ? "[" : ",").append(Long.toHexString(Double.doubleToRawLongBits(a[k])));
      }
      sb.append(']');
    } else if (v instanceof int[] a) {
      sb.append(Arrays.toString(a));
    } else if (v instanceof Graph g) {
      // a graph held by a primitive (custom_jvp's body and rule), in the same canonical form
      sb.append('{');
      graph(sb, g);
      sb.append('}');
    } else if (v instanceof Enum<?> e) {
      sb.append(e.getDeclaringClass().getName()).append('.').append(e.name());
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Boolean
        || v instanceof String
        || v instanceof Shape) {
      sb.append(v);
    } else {
      throw new IllegalStateException(
          "the kernel key has no exact form for field type "
              + (v == null ? "null" : v.getClass().getName())
              + " of "
              + p.getClass().getName()
              + "; add one to GraphHash.value");
    }
  }

  private static void atom(StringBuilder sb, Map<Var, Integer> pos, Atom a) {
    if (a instanceof Var v) {
      sb.append('%').append(pos.get(v));
      return;
    }
    Lit l = (Lit) a;
    Shape s = l.shape();
    sb.append("lit").append(s).append('{');
    for (int k = 0; k < s.size(); k++) {
      sb.append(k == 0 ? "" : ",").append(Long.toHexString(Double.doubleToRawLongBits(l.get(k))));
    }
    sb.append('}');
  }
}
