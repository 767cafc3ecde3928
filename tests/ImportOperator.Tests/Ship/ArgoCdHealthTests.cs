using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// The Argo CD health checks in deploy/argocd/health/, run by lua5.4 the way Argo CD runs them: the resource as a
/// global table <c>obj</c>, the script's returned table read for status and message.
/// </summary>
public sealed class ArgoCdHealthTests
{
    static readonly string HealthFolder = RepositoryPaths.Of("deploy", "argocd", "health");

    static JsonObject Import(string? phase, string? reason = null, string? message = null, long generation = 1, long? observed = 1)
    {
        var import = new JsonObject
        {
            ["apiVersion"] = "importoperator.io/v1alpha1",
            ["kind"] = "HeadlessImport",
            ["metadata"] = new JsonObject { ["name"] = "contacts", ["namespace"] = "imports", ["generation"] = generation },
        };
        if (phase is null) return import;
        var status = new JsonObject { ["phase"] = phase, ["observedGeneration"] = observed };
        if (reason is not null) status["reason"] = reason;
        if (message is not null) status["message"] = message;
        if (phase == "SUCCESSFUL") status["resultMetadata"] = new JsonObject { ["numDataRows"] = 12, ["numResultRows"] = 11 };
        import["status"] = status;
        return import;
    }

    static JsonObject Schema(string? ready, string? reason = null, string? message = null)
    {
        var schema = new JsonObject
        {
            ["apiVersion"] = "importoperator.io/v1alpha1",
            ["kind"] = "ImportSchema",
            ["metadata"] = new JsonObject { ["name"] = "contacts", ["generation"] = 2 },
        };
        if (ready is not null)
            schema["status"] = new JsonObject
            {
                ["observedGeneration"] = 2,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = reason, ["message"] = message }),
            };
        return schema;
    }

    public static TheoryData<string, string, string> ImportPhases => new()
    {
        { "AWAITING_UPLOAD", "Progressing", "Waiting for the file to be uploaded to status.upload" },
        { "PENDING", "Progressing", "Waiting for the processing Job to start" },
        { "RUNNING", "Progressing", "Processing" },
        { "SUCCESSFUL", "Healthy", "Imported 11 row(s)" },
    };

    [Theory]
    [MemberData(nameof(ImportPhases))]
    public void An_import_in_each_phase_has_its_health(string phase, string status, string message)
    {
        Assert.Equal((status, message), RunHealth("headlessimport.lua", Import(phase)));
    }

    [Fact]
    public void An_import_that_needs_review_is_suspended_with_the_reason()
    {
        var health = RunHealth("headlessimport.lua", Import("NEEDS_REVIEW", "UnmappedColumns", "The required field Email has no column."));
        Assert.Equal(("Suspended", "UnmappedColumns: The required field Email has no column."), health);
    }

    [Fact]
    public void A_failed_import_is_degraded_with_the_operators_message()
    {
        var health = RunHealth("headlessimport.lua", Import("FAILED", "SchemaNotFound", "ImportSchema \"contacts\" was not found in namespace imports."));
        Assert.Equal(("Degraded", "SchemaNotFound: ImportSchema \"contacts\" was not found in namespace imports."), health);
    }

    [Fact]
    public void An_import_without_status_or_with_a_stale_one_is_progressing()
    {
        Assert.Equal("Progressing", RunHealth("headlessimport.lua", Import(null)).Status);
        Assert.Equal("Progressing", RunHealth("headlessimport.lua", Import("FAILED", "X", "old", generation: 2, observed: 1)).Status);
    }

    [Fact]
    public void A_schema_is_healthy_when_ready_degraded_with_the_problem_when_not_and_progressing_before_it_is_checked()
    {
        Assert.Equal("Healthy", RunHealth("importschema.lua", Schema("True", "Valid", "All fields, validators and hooks are valid.")).Status);
        Assert.Equal(("Degraded", "InvalidHook: fields[2].hooks: the row hook does not compile: Unexpected token"),
            RunHealth("importschema.lua", Schema("False", "InvalidHook", "fields[2].hooks: the row hook does not compile: Unexpected token")));
        Assert.Equal("Progressing", RunHealth("importschema.lua", Schema(null)).Status);
    }

    [Fact]
    public void The_argocd_cm_snippet_carries_the_same_scripts_under_the_keys_argo_cd_looks_up()
    {
        var configMap = ImportOperator.TestApiServer.Schema.YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("deploy", "argocd", "argocd-cm.yaml")));
        Assert.Equal("argocd-cm", (string?)configMap["metadata"]!["name"]);
        Assert.Equal(File.ReadAllText(Path.Combine(HealthFolder, "headlessimport.lua")), (string?)configMap["data"]!["resource.customizations.health.importoperator.io_HeadlessImport"]);
        Assert.Equal(File.ReadAllText(Path.Combine(HealthFolder, "importschema.lua")), (string?)configMap["data"]!["resource.customizations.health.importoperator.io_ImportSchema"]);
    }

    [Fact]
    public void The_example_application_syncs_a_folder_of_imports()
    {
        var application = ImportOperator.TestApiServer.Schema.YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("deploy", "argocd", "application.yaml")));
        Assert.Equal("Application", (string?)application["kind"]);
        Assert.Equal("imports", (string?)application["spec"]!["source"]!["path"]);
        Assert.True((bool?)application["spec"]!["source"]!["directory"]!["recurse"]);
    }

    /// <summary>Runs one health script with <paramref name="resource"/> as Argo CD's global <c>obj</c>.</summary>
    static (string Status, string Message) RunHealth(string script, JsonObject resource)
    {
        var driver = Path.Combine(Path.GetTempPath(), $"argocd-health-{Guid.NewGuid():N}.lua");
        var driverText = new StringBuilder()
            .Append("obj = ").Append(ToLua(resource)).Append('\n')
            .Append("local hs = dofile(").Append(LuaString(Path.Combine(HealthFolder, script))).Append(")\n")
            .Append("io.write(hs.status, \"\\n\", hs.message or \"\")\n")
            .ToString();
        File.WriteAllText(driver, driverText);
        try
        {
            var result = ShipTools.Run(ShipTools.Lua, [driver]);
            Assert.True(result.ExitCode == 0, result.Describe($"lua5.4 {script}"));
            var lines = result.Output.Split('\n', 2);
            return (lines[0], lines.Length > 1 ? lines[1] : "");
        }
        finally { File.Delete(driver); }
    }

    /// <summary>JSON as a Lua table constructor, as Argo CD's gopher-lua bridge presents it (null fields absent).</summary>
    static string ToLua(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject o => "{" + string.Join(", ", o.Where(p => p.Value is not null).Select(p => $"[{LuaString(p.Key)}] = {ToLua(p.Value)}")) + "}",
        JsonArray a => "{" + string.Join(", ", a.Select(ToLua)) + "}",
        JsonValue v when v.TryGetValue<string>(out var s) => LuaString(s),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) is var text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? v.ToJsonString() : throw new ArgumentException($"Cannot write {v} as Lua."),
        _ => throw new ArgumentException($"Cannot write {node} as Lua."),
    };

    static string LuaString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
            builder.Append(c switch { '\\' => "\\\\", '"' => "\\\"", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
        return builder.Append('"').ToString();
    }
}
