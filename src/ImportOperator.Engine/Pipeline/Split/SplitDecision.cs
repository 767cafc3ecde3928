namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>The planning step's answer: a plan, or why the file is processed whole.</summary>
public sealed record SplitDecision(SplitPlan? Plan, string? WhyWhole)
{
    public bool IsSplit => Plan is not null;
}
