using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Helpers;

/// <summary>Owner references: a child points at its controller, so garbage collection removes it with its owner.</summary>
public static class OwnerReferences
{
    /// <summary>A controller reference to <paramref name="owner"/> (controller and blockOwnerDeletion set).</summary>
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner, ResourceKind kind) => new()
    {
        ApiVersion = kind.ApiVersion,
        Kind = kind.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Adds (or refreshes) the controller reference on <paramref name="child"/>'s metadata.</summary>
    public static void SetController(V1ObjectMeta child, IKubernetesObject<V1ObjectMeta> owner, ResourceKind kind)
    {
        child.OwnerReferences ??= new List<V1OwnerReference>();
        for (int i = child.OwnerReferences.Count - 1; i >= 0; i--)
        {
            var existing = child.OwnerReferences[i];
            if (existing.Uid == owner.Metadata.Uid || existing.Controller == true) child.OwnerReferences.RemoveAt(i);
        }
        child.OwnerReferences.Add(ControllerReference(owner, kind));
    }

    public static V1OwnerReference? ControllerOf(V1ObjectMeta meta) => meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    public static bool IsControlledBy(V1ObjectMeta child, IKubernetesObject<V1ObjectMeta> owner) => ControllerOf(child)?.Uid == owner.Metadata.Uid;
}
