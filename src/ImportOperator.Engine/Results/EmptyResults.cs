using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Results;

/// <summary>Writes empty results (data.json [] and a metadata.json with no rows) for an import that never read data.</summary>
public static class EmptyResults
{
    public static void Write(string outputDirectory, string importIdentifier, string fileName, ImportUser? user,
        IReadOnlyList<FieldDefinition> fields)
    {
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, Pipeline.ResultFileNames.Data), "[]\n");
        MetadataJsonWriter.Write(Path.Combine(outputDirectory, Pipeline.ResultFileNames.Metadata),
            new MetadataContent(importIdentifier, fileName, user, [], fields, null, null, null, 0, 0, 0, 0, []));
    }
}
