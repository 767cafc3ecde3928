using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Operator.Hosting;
using ImportOperator.Runtime;
using ImportOperator.Tests.Operator.Support;
using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Operator;

/// <summary>ImportSchema status as kubectl shows it: Ready with the exact problem, fieldCount, re-checked on each change.</summary>
[Collection(OperatorCollection.Name)]
public sealed class ImportSchemaStatusTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    async Task<ImportSchema> WaitAsync(string ns, string name, Func<ImportSchema, bool> condition)
    {
        var client = new ResourceClient<ImportSchema>(env.Client, OperatorHost.SchemaKind);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ImportSchema? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetAsync(new ObjectKey(ns, name), CancellationToken.None);
            if (condition(last)) return last;
            await Task.Delay(150);
        }
        throw new TimeoutException($"ImportSchema {ns}/{name} never met the condition; status: {System.Text.Json.JsonSerializer.Serialize(last?.Status)}\n{env.Operator.Log}");
    }

    static V1Condition? Ready(ImportSchema schema) => schema.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    [Fact]
    public async Task A_valid_schema_is_ready_with_its_field_count()
    {
        var ns = await env.NewNamespaceAsync();
        var (schema, _) = Samples.Contacts(ns);
        var created = await env.CreateAsync(schema);

        var ready = await WaitAsync(ns, "contacts", s => Ready(s)?.Status == "True");

        Assert.Equal(schema.Spec.Fields.Count, ready.Status!.FieldCount);
        Assert.Equal(created.Metadata.Generation, ready.Status.ObservedGeneration);
    }

    [Fact]
    public async Task A_hook_that_does_not_parse_makes_the_schema_not_ready_and_fixing_it_makes_it_ready_again()
    {
        var ns = await env.NewNamespaceAsync();
        var schema = new ImportSchema
        {
            Metadata = new V1ObjectMeta { Name = "people", NamespaceProperty = ns },
            Spec = new ImportSchemaSpec
            {
                Fields = [new FieldDefinition { Key = "name", Label = "Name" }],
                Hooks = new HookDefinitions { RowHooks = ["(record) => { return record"] },
            },
        };
        await env.CreateAsync(schema);

        var broken = await WaitAsync(ns, "people", s => Ready(s)?.Status == "False");
        Assert.Equal("InvalidSchema", Ready(broken)!.Reason);
        Assert.Contains("hooks.rowHooks[0]", Ready(broken)!.Message);

        var patch = new V1Patch("""{"spec":{"hooks":{"rowHooks":["(record) => record"]}}}""", V1Patch.PatchType.MergePatch);
        await env.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, ns, ImportSchema.Plural, "people");

        var fixedSchema = await WaitAsync(ns, "people", s => Ready(s)?.Status == "True");
        Assert.Equal(fixedSchema.Metadata.Generation, fixedSchema.Status!.ObservedGeneration);
        Assert.Equal(2, fixedSchema.Metadata.Generation);
    }
}
