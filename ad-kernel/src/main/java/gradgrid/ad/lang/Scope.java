package gradgrid.ad.lang;

import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names visible at one point of a definition. Names live in frames: one for the inputs and the
 * top-level bindings, and one per function call for its parameters and body bindings, opened over
 * the scope the function was defined in. A scope is a frame and how many of its names are defined
 * by that point, so a function sees what was defined before it and nothing after (it cannot call
 * itself), and a name used before its definition can be told from an unknown one.
 */
final class Scope {
  /** What a name means. */
  sealed interface Binding {}

  /** A traced value: an input, a binding or a parameter. */
  record Value(Val val) implements Binding {}

  /** A function, inlined where it is called, with the scope it was defined in. */
  record Function(Node.Lambda lambda, Scope scope) implements Binding {}

  /**
   * A defined name: its place in its frame, where it was defined, as what ({@code "an input"},
   * {@code "a binding"}, {@code "a parameter"}) and what it means.
   */
  record Entry(int order, int pos, String kind, Binding binding) {}

  private static final class Frame {
    final Scope parent;
    final Map<String, Entry> names = new LinkedHashMap<>();
    final Map<String, Integer> declared = new HashMap<>();

    Frame(Scope parent, List<Node.Let> lets) {
      this.parent = parent;
      for (Node.Let let : lets) {
        declared.putIfAbsent(let.name(), let.pos());
      }
    }
  }

  private final Frame frame;
  private final int visible;

  private Scope(Frame frame, int visible) {
    this.frame = frame;
    this.visible = visible;
  }

  /**
   * An empty scope with no enclosing one, for the inputs and the top-level bindings {@code lets},
   * which it knows of before they are defined.
   */
  static Scope root(List<Node.Let> lets) {
    return new Scope(new Frame(null, lets), 0);
  }

  /**
   * A new, empty frame over this scope, for one call of a function defined here with {@code lets}.
   */
  Scope open(List<Node.Let> lets) {
    return new Scope(new Frame(this, lets), 0);
  }

  /**
   * This scope with {@code name} defined after everything visible. Only the latest scope of a frame
   * is extended, so the frame never holds a name this scope cannot see.
   */
  Scope define(String name, int pos, String kind, Binding binding) {
    if (frame.names.size() != visible) {
      throw new IllegalStateException("a frame is extended from an earlier point");
    }
    frame.names.put(name, new Entry(visible, pos, kind, binding));
    return new Scope(frame, visible + 1);
  }

  /** The definition {@code name} refers to here, or null. */
  Entry lookup(String name) {
    for (Scope s = this; s != null; s = s.frame.parent) {
      Entry e = s.frame.names.get(name);
      if (e != null && e.order() < s.visible) {
        return e;
      }
    }
    return null;
  }

  /**
   * Where a binding {@code name} that is not visible here is defined later, in a frame open here;
   * or null.
   */
  Integer later(String name) {
    for (Scope s = this; s != null; s = s.frame.parent) {
      Entry e = s.frame.names.get(name);
      if (e != null && e.order() >= s.visible) {
        return e.pos();
      }
      if (e == null && s.frame.declared.containsKey(name)) {
        return s.frame.declared.get(name);
      }
    }
    return null;
  }

  /** Every name visible here, innermost first. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (Scope s = this; s != null; s = s.frame.parent) {
      for (Map.Entry<String, Entry> e : s.frame.names.entrySet()) {
        if (e.getValue().order() < s.visible) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }
}
