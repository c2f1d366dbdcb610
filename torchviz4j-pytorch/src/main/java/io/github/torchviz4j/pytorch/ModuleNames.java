package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;

/** Names of bytedeco {@code nn} modules as a Python user would write them. */
final class ModuleNames {
  private ModuleNames() {}

  /** The name under which {@code parent} registered {@code child}. */
  static String registeredName(Module parent, Module child) {
    StringSharedModuleDict children = parent.named_children();
    for (long i = 0; i < children.size(); i++) {
      if (children.get(i).value().address() == child.address()) {
        return children.get(i).key().getString();
      }
    }
    throw new Torchviz4jException("module " + className(child) + " is not a direct child of "
        + className(parent) + "; register it with register_module first, or use a ModuleRecorder scope(name)");
  }

  /** {@code torch::nn::LinearImpl} → {@code Linear}; a name given to {@code new Module(name)} as is. */
  static String className(Module module) {
    BytePointer name = module.name();
    String qualified = name == null || name.isNull() ? "" : name.getString();
    String simple = qualified.substring(qualified.lastIndexOf("::") + (qualified.contains("::") ? 2 : 0));
    return simple.endsWith("Impl") ? simple.substring(0, simple.length() - 4) : simple;
  }
}
