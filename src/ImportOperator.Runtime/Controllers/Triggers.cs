using ImportOperator.Runtime.Informers;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Controllers;

/// <summary>
/// Which changes of a controller's own objects call for a reconcile: creation, deletion, a spec change (generation),
/// the start of deletion (deletionTimestamp), finalizer changes and annotation changes (annotations are how people
/// and other components ask something of an object). A status-only write changes none of these, so the controller's
/// own status updates do not wake it again.
/// </summary>
public static class Triggers
{
    public static bool ShouldReconcile<T>(InformerEvent<T> e) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (e.Type != InformerEventType.Modified || e.Previous is null) return true;
        var before = e.Previous.Metadata;
        var after = e.Object.Metadata;
        if (before.Generation != after.Generation) return true;
        if (before.DeletionTimestamp != after.DeletionTimestamp) return true;
        if (!SameFinalizers(before.Finalizers, after.Finalizers)) return true;
        return !SameAnnotations(before.Annotations, after.Annotations);
    }

    static bool SameAnnotations(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        var left = a ?? new Dictionary<string, string>();
        var right = b ?? new Dictionary<string, string>();
        if (left.Count != right.Count) return false;
        foreach (var (key, value) in left)
            if (!right.TryGetValue(key, out var other) || other != value) return false;
        return true;
    }

    static bool SameFinalizers(IList<string>? a, IList<string>? b)
    {
        var left = a ?? [];
        var right = b ?? [];
        if (left.Count != right.Count) return false;
        for (int i = 0; i < left.Count; i++) if (left[i] != right[i]) return false;
        return true;
    }

    /// <summary>The object's controlling owner, when it is of the given kind: the key to enqueue for a child change.</summary>
    public static ObjectKey? ControllerOwner(V1ObjectMeta child, ResourceKind ownerKind)
    {
        if (child.OwnerReferences is null) return null;
        foreach (var owner in child.OwnerReferences)
            if (owner.Controller == true && owner.Kind == ownerKind.Kind && owner.ApiVersion == ownerKind.ApiVersion)
                return new ObjectKey(ownerKind.Namespaced ? child.NamespaceProperty : null, owner.Name);
        return null;
    }
}
