using System.Text;
using System.Text.Json;
using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Results;

/// <summary>What metadata.json says about an import (the large arrays come from the <see cref="IssueLog"/> files).</summary>
internal sealed record MetadataContent(
    string ImportIdentifier,
    string FileName,
    ImportUser? User,
    IReadOnlyList<string> RawHeaders,
    IReadOnlyList<FieldDefinition> Fields,
    ColumnMapping? Mapping,
    string? ErrorsPath,
    string? RowsWithErrorPath,
    long NumDataRows,
    long NumValidRows,
    long NumInvalidRows,
    long NumResultRows,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Writes metadata.json: {importIdentifier, filename, user, rawHeaders, fields: {key: {fileHeader, fileHeaderIndex,
/// isCustom, manyToOne}}, rowsWithError, errors, numDataRows, numValidRows, numInvalidRows, numResultRows} and,
/// when there are any, warnings about the import as a whole. The arrays are streamed, so any number of errors fits.
/// </summary>
internal static class MetadataJsonWriter
{
    public static void Write(string path, MetadataContent content)
    {
        var temp = path + ".partial";
        using (var stream = JsonOutput.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, JsonOutput.WriterOptions))
        {
            var first = true;
            void Property(string name, Action<Utf8JsonWriter> value)
            {
                stream.Write(Encoding.UTF8.GetBytes((first ? "{\n  " : ",\n  ") + JsonSerializer.Serialize(name) + ": "));
                first = false;
                writer.Reset(stream);
                value(writer);
                writer.Flush();
            }

            Property("importIdentifier", w => w.WriteStringValue(content.ImportIdentifier));
            Property("filename", w => w.WriteStringValue(content.FileName));
            Property("user", w => WriteUser(w, content.User));
            Property("rawHeaders", w =>
            {
                w.WriteStartArray();
                foreach (var header in content.RawHeaders) w.WriteStringValue(header);
                w.WriteEndArray();
            });
            Property("fields", w => WriteFields(w, content));
            Property("rowsWithError", w => CopyArray(stream, w, content.RowsWithErrorPath));
            Property("errors", w => CopyArray(stream, w, content.ErrorsPath));
            Property("numDataRows", w => w.WriteNumberValue(content.NumDataRows));
            Property("numValidRows", w => w.WriteNumberValue(content.NumValidRows));
            Property("numInvalidRows", w => w.WriteNumberValue(content.NumInvalidRows));
            Property("numResultRows", w => w.WriteNumberValue(content.NumResultRows));
            if (content.Warnings.Count > 0)
                Property("warnings", w =>
                {
                    w.WriteStartArray();
                    foreach (var warning in content.Warnings) w.WriteStringValue(warning);
                    w.WriteEndArray();
                });
            stream.Write("\n}\n"u8);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void WriteUser(Utf8JsonWriter writer, ImportUser? user)
    {
        if (user is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("id", user.Id);
        if (user.Name is not null) writer.WriteString("name", user.Name);
        if (user.Email is not null) writer.WriteString("email", user.Email);
        if (user.CompanyName is not null) writer.WriteString("companyName", user.CompanyName);
        if (user.CompanyId is not null) writer.WriteString("companyId", user.CompanyId);
        writer.WriteEndObject();
    }

    /// <summary>
    /// One entry per schema field. A manyToOne field lists all its columns: fileHeader and fileHeaderIndex are then
    /// arrays (in column order); otherwise a single header and index, or null when no column feeds the field.
    /// </summary>
    private static void WriteFields(Utf8JsonWriter writer, MetadataContent content)
    {
        writer.WriteStartObject();
        for (var field = 0; field < content.Fields.Count; field++)
        {
            var definition = content.Fields[field];
            var columns = content.Mapping?.ColumnsByField[field] ?? [];
            writer.WriteStartObject(definition.Key);
            if (definition.ManyToOne == true)
            {
                writer.WriteStartArray("fileHeader");
                foreach (var column in columns) writer.WriteStringValue(content.RawHeaders[column]);
                writer.WriteEndArray();
                writer.WriteStartArray("fileHeaderIndex");
                foreach (var column in columns) writer.WriteNumberValue(column);
                writer.WriteEndArray();
            }
            else if (columns.Length > 0)
            {
                writer.WriteString("fileHeader", content.RawHeaders[columns[0]]);
                writer.WriteNumber("fileHeaderIndex", columns[0]);
            }
            else
            {
                writer.WriteNull("fileHeader");
                writer.WriteNull("fileHeaderIndex");
            }
            writer.WriteBoolean("isCustom", false);
            writer.WriteBoolean("manyToOne", definition.ManyToOne == true);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Copies a JSON array written by the issue log byte for byte (or [] when there is none).</summary>
    private static void CopyArray(Stream output, Utf8JsonWriter writer, string? path)
    {
        if (path is null || !File.Exists(path))
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
            return;
        }
        writer.Flush();
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        input.CopyTo(output);
    }
}
