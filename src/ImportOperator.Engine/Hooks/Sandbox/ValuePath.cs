namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Names a value a hook returned (e.g. <c>the returned record.row.email.value</c>) for an error message. The parts
/// are joined only when a message is written: building the text for every cell of every row was a measurable share
/// of the time a row hook costs, and it is almost never needed.
/// </summary>
internal readonly struct ValuePath(string first, string? second = null, string? third = null, string? fourth = null)
{
    public static implicit operator ValuePath(string path) => new(path);

    public override string ToString() => string.Concat(first, second, third, fourth);
}
