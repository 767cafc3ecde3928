using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>Builds the parser of a field's type with its options bound (the types helper fills this in).</summary>
public static class FieldTypeParsers
{
    /// <summary>
    /// Returns the parser for <paramref name="field"/>, or null after adding to <paramref name="problems"/> when the
    /// type is unknown or its options are invalid (paths start with <paramref name="fieldPath"/>, e.g. "fields[2]").
    /// </summary>
    public static IFieldTypeParser? Create(FieldDefinition field, string fieldPath, SchemaProblems problems) =>
        throw new NotImplementedException();
}
