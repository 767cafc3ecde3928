namespace ImportOperator.Runtime.Informers;

public enum InformerEventType { Added, Modified, Deleted }

/// <summary>A change the informer saw: the object now (or last seen, when deleted) and what the cache held before.</summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Previous) where T : class;
