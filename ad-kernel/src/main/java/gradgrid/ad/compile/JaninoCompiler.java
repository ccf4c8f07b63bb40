package gradgrid.ad.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.codehaus.janino.util.ClassFile;

/**
 * Compiles one generated class with Janino and reports its methods' bytecode sizes; with the
 * persistent kernel cache on ({@link DiskKernelCache}), defines the classes stored for the same
 * source instead. Storing is the caller's choice ({@link Jit} stores only a kernel it accepts), so
 * the result carries the class bytes.
 */
final class JaninoCompiler {
  private JaninoCompiler() {}

  /**
   * A loaded kernel class and the code length of each of its methods.
   *
   * @param type the kernel class
   * @param methodSizes bytecode length by method name
   * @param classes the class files, as the persistent cache stores them
   * @param fromDisk whether the classes came from the persistent cache
   */
  record Compiled(
      Class<? extends KernelBody> type,
      Map<String, Integer> methodSizes,
      DiskKernelCache.Entry classes,
      boolean fromDisk) {}

  /** Compiles {@code source}, or defines it from {@code disk} (null: no persistent cache). */
  static Compiled compile(String source, DiskKernelCache disk) {
    return compile(source, SourceGen.CLASS, disk);
  }

  /** As {@link #compile(String, DiskKernelCache)}, for a kernel class of another name. */
  static Compiled compile(String source, String className, DiskKernelCache disk) {
    if (disk != null) {
      DiskKernelCache.Entry e = disk.load(source);
      if (e != null) {
        try {
          Class<?> k = new BytesClassLoader(e.classes()).loadClass(className);
          return new Compiled(k.asSubclass(KernelBody.class), e.methodSizes(), e, true);
        } catch (ClassNotFoundException | LinkageError | ClassCastException damaged) {
          // bytes that do not define the kernel: compile, and the caller's store replaces them
        }
      }
    }
    SimpleCompiler c = new SimpleCompiler();
    c.setParentClassLoader(JaninoCompiler.class.getClassLoader());
    c.setDebuggingInformation(false, false, false);
    try {
      c.cook(source);
      Class<?> k = c.getClassLoader().loadClass(className);
      Map<String, Integer> sizes = new LinkedHashMap<>();
      Map<String, byte[]> classes = new LinkedHashMap<>();
      for (ClassFile cf : c.getClassFiles()) {
        classes.put(cf.getThisClassName(), cf.toByteArray());
        for (ClassFile.MethodInfo m : cf.methodInfos) {
          for (ClassFile.AttributeInfo a : m.getAttributes()) {
            if (a instanceof ClassFile.CodeAttribute code) {
              sizes.put(m.getName(), code.code.length);
            }
          }
        }
      }
      return new Compiled(
          k.asSubclass(KernelBody.class), sizes, new DiskKernelCache.Entry(classes, sizes), false);
    } catch (CompileException | ClassNotFoundException e) {
      throw new KernelCompileException(
          "Janino could not compile a generated kernel: " + e.getMessage(), source, e);
    }
  }

  /** Defines a kernel's classes from their bytes, beside the ad-kernel's classes. */
  private static final class BytesClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    BytesClassLoader(Map<String, byte[]> classes) {
      super(JaninoCompiler.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }
}
