using k8s;
using k8s.Models;

namespace ImportOperator.Runtime;

/// <summary>Namespace and name: the identity a work queue and a cache key objects by.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj) => new(obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
