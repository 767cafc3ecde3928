namespace ImportOperator.Runtime;
/// <summary>Marker for the runtime assembly (the runtime helper replaces this).</summary>
internal static class RuntimeAssembly { }
