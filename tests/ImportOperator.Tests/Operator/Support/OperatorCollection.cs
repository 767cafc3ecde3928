namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// End-to-end operator tests run one class at a time: each class brings up a whole system (API server, s3rver,
/// operator, worker processes), and two at once on a 2-core machine would only make both slow.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperatorCollection
{
    public const string Name = "operator-e2e";
}
