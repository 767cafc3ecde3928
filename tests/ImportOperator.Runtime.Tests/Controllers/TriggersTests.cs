using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Tests.Support;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Controllers;

public sealed class TriggersTests
{
    static Widget W(long generation, DateTime? deleting = null, string[]? finalizers = null, string phase = "", Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = "default", Generation = generation, DeletionTimestamp = deleting, Finalizers = finalizers, Annotations = annotations },
        Status = new WidgetStatus { Phase = phase },
    };

    public static TheoryData<string, Widget, Widget, bool> Changes => new()
    {
        { "spec change (generation)", W(1), W(2), true },
        { "status-only write", W(1, phase: "A"), W(1, phase: "B"), false },
        { "deletion started", W(1), W(1, deleting: DateTime.UtcNow), true },
        { "finalizer added", W(1), W(1, finalizers: ["x"]), true },
        { "finalizer removed", W(1, finalizers: ["x", "y"]), W(1, finalizers: ["x"]), true },
        { "same finalizers", W(1, finalizers: ["x"]), W(1, finalizers: ["x"]), false },
        { "annotation added", W(1), W(1, annotations: new() { ["a"] = "1" }), true },
        { "annotation changed", W(1, annotations: new() { ["a"] = "1" }), W(1, annotations: new() { ["a"] = "2" }), true },
        { "same annotations, status changed", W(1, phase: "A", annotations: new() { ["a"] = "1" }), W(1, phase: "B", annotations: new() { ["a"] = "1" }), false },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Modifications_trigger_a_reconcile_only_when_they_matter(string change, Widget before, Widget after, bool expected)
    {
        Assert.True(expected == Triggers.ShouldReconcile(new InformerEvent<Widget>(InformerEventType.Modified, after, before)), change);
    }

    [Fact]
    public void A_child_maps_to_its_controlling_owner_of_the_right_kind_only()
    {
        var child = new V1ObjectMeta
        {
            NamespaceProperty = "ns",
            OwnerReferences =
            [
                new V1OwnerReference { ApiVersion = "other/v1", Kind = "Widget", Name = "not-this", Uid = "1", Controller = true },
                new V1OwnerReference { ApiVersion = "test.example.com/v1", Kind = "Widget", Name = "mine", Uid = "2", Controller = true },
            ],
        };
        var orphan = new V1ObjectMeta { NamespaceProperty = "ns" };

        Assert.Equal(new ObjectKey("ns", "mine"), Triggers.ControllerOwner(child, Widget.Kind));
        Assert.Null(Triggers.ControllerOwner(orphan, Widget.Kind));
    }
}
