using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;

namespace ImportOperator.TestApiServer.Http;

/// <summary>
/// The meta.k8s.io/v1 Table that kubectl get asks for: Name, then the CRD's printer columns (or Created At for kinds
/// without them), one row per object carrying its metadata.
/// </summary>
internal static class TableWriter
{
    public static JsonObject Build(ResourceType type, IReadOnlyList<JsonObject> items, long resourceVersion, string? includeObject, DateTimeOffset now)
    {
        var columns = new JsonArray
        {
            Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
        };
        if (type.PrinterColumns.Count > 0)
            foreach (var c in type.PrinterColumns) columns.Add(Column(c.Name, c.Type, c.Format ?? "", c.Description ?? "", c.Priority));
        else
            columns.Add(Column("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray { item["metadata"]?["name"]?.DeepClone() };
            if (type.PrinterColumns.Count > 0)
                foreach (var c in type.PrinterColumns) cells.Add(Cell(c, item, now));
            else
                cells.Add(item["metadata"]?["creationTimestamp"]?.DeepClone());
            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None": break;
                case "Object": row["object"] = item.DeepClone(); break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = item["metadata"]?.DeepClone(),
                    };
                    break;
            }
            rows.Add(row);
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name, ["type"] = type, ["format"] = format, ["description"] = description, ["priority"] = priority,
    };

    /// <summary>Date columns are shown as an age, as the CRD table convertor does.</summary>
    static JsonNode? Cell(PrinterColumn column, JsonObject item, DateTimeOffset now)
    {
        var value = SimpleJsonPath.Evaluate(item, column.JsonPath);
        if (value is null) return null;
        if (column.Type == "date" && value is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return HumanDuration(now - at);
        return value.DeepClone();
    }

    /// <summary>kubectl's short ages: 5s, 3m, 2h, 4d.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        if (d.TotalSeconds < 120) return $"{(int)d.TotalSeconds}s";
        if (d.TotalMinutes < 120) return $"{(int)d.TotalMinutes}m";
        if (d.TotalHours < 48) return $"{(int)d.TotalHours}h";
        return $"{(int)d.TotalDays}d";
    }
}
