namespace ImportOperator.Engine.Hooks;

/// <summary>What beforeFinishCallback decided: go on, or cancel with a message (the import goes to NEEDS_REVIEW).</summary>
public readonly record struct BeforeFinishResult(bool Cancel, string? Message)
{
    public static readonly BeforeFinishResult Continue = new(false, null);
}
