namespace ImportOperator.Engine.Diagnostics;

/// <summary>One thing wrong with a schema, settings or hooks, with the path of the offending value.</summary>
/// <param name="Path">Where, in manifest terms, e.g. <c>fields[2].validators[0].regex</c>.</param>
/// <param name="Message">What is wrong, in words a schema author can act on.</param>
public sealed record SchemaProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Collects schema problems while a schema is compiled, so that all of them are reported at once.</summary>
public sealed class SchemaProblems
{
    private readonly List<SchemaProblem> _problems = [];

    public IReadOnlyList<SchemaProblem> All => _problems;

    public bool Any => _problems.Count > 0;

    public void Add(string path, string message) => _problems.Add(new SchemaProblem(path, message));

    public override string ToString() => string.Join("; ", _problems);
}
