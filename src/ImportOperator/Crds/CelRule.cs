namespace ImportOperator.Crds;

/// <summary>A CEL rule of the CRDs and the message the API server answers when it is false.</summary>
/// <param name="Rule">CEL over <c>self</c> (and <c>oldSelf</c> on update).</param>
/// <param name="Message">What the API server answers when the rule is false.</param>
/// <param name="Where">Where the rule sits in the manifest, for documentation (e.g. <c>spec</c>).</param>
public sealed record CelRule(string Rule, string Message, string Where);
