package gradgrid.ad.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.codehaus.janino.util.ClassFile;

/** Compiles one generated class with Janino and reports its methods' bytecode sizes. */
final class JaninoCompiler {
  private JaninoCompiler() {}

  /** A loaded kernel class and the code length of each of its methods. */
  record Compiled(Class<? extends KernelBody> type, Map<String, Integer> methodSizes) {}

  /** Compiles {@code source}, whose one top-level class is {@link SourceGen#CLASS}. */
  static Compiled compile(String source) {
    SimpleCompiler c = new SimpleCompiler();
    c.setParentClassLoader(JaninoCompiler.class.getClassLoader());
    c.setDebuggingInformation(false, false, false);
    try {
      c.cook(source);
      Class<?> k = c.getClassLoader().loadClass(SourceGen.CLASS);
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (ClassFile cf : c.getClassFiles()) {
        for (ClassFile.MethodInfo m : cf.methodInfos) {
          for (ClassFile.AttributeInfo a : m.getAttributes()) {
            if (a instanceof ClassFile.CodeAttribute code) {
              sizes.put(m.getName(), code.code.length);
            }
          }
        }
      }
      return new Compiled(k.asSubclass(KernelBody.class), sizes);
    } catch (CompileException | ClassNotFoundException e) {
      throw new KernelCompileException(
          "Janino could not compile a generated kernel: " + e.getMessage(), source, e);
    }
  }
}
