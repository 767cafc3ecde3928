namespace ImportOperator.Runtime.Crds;

/// <summary>
/// A CEL rule (<c>x-kubernetes-validations</c>) on the schema of the annotated class or property. Inside the rule,
/// <c>self</c> is the value at that node and, on update, <c>oldSelf</c> its previous value (a transition rule).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class KubeValidationAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;

    /// <summary>What the API server answers when the rule is false; say what to change, not what failed.</summary>
    public string Message { get; } = message;
}
