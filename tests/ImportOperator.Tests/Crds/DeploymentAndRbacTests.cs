using ImportOperator.TestApiServer.Schema;
using System.Text.Json.Nodes;

namespace ImportOperator.Tests.Crds;

/// <summary>The operator runs hardened and with least privilege (what a cluster admin reviews before installing).</summary>
public sealed class DeploymentAndRbacTests
{
    private static JsonNode Read(params string[] path) => YamlManifests.ReadAll(File.ReadAllText(RepositoryPaths.Of(path)))[0];

    [Fact]
    public void The_operator_container_is_locked_down()
    {
        var pod = Read("config", "manager", "manager.yaml")["spec"]!["template"]!["spec"]!;
        Assert.True((bool?)pod["securityContext"]!["runAsNonRoot"]);
        Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]!["seccompProfile"]!["type"]);
        var container = pod["containers"]![0]!;
        Assert.Equal(["operator"], container["args"]!.AsArray().Select(a => (string)a!));
        var security = container["securityContext"]!;
        Assert.False((bool?)security["allowPrivilegeEscalation"]);
        Assert.True((bool?)security["readOnlyRootFilesystem"]);
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.NotNull(container["resources"]!["requests"]);
        Assert.NotNull(container["resources"]!["limits"]);
    }

    [Fact]
    public void No_rbac_rule_uses_a_wildcard()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Of("config", "rbac"), "*.yaml"))
        foreach (var document in YamlManifests.ReadAll(File.ReadAllText(file)))
        foreach (var rule in document["rules"]?.AsArray() ?? [])
        foreach (var list in new[] { "apiGroups", "resources", "verbs" })
            Assert.DoesNotContain("*", rule![list]!.AsArray().Select(value => (string?)value));
    }

    [Theory]
    [InlineData("importoperator.io", "headlessimports", "get,list,watch,update,patch,delete")]
    [InlineData("importoperator.io", "importschemas", "get,list,watch")]
    [InlineData("", "pods", "get,list")]
    [InlineData("", "secrets", "create")]
    [InlineData("importoperator.io", "headlessimports/status", "update,patch")]
    [InlineData("importoperator.io", "headlessimports/finalizers", "update")]
    [InlineData("batch", "jobs", "create,get,list,watch,delete")]
    [InlineData("", "events", "create,patch")]
    public void The_operator_has_exactly_the_rights_it_needs(string group, string resource, string verbs)
    {
        var rules = Read("config", "rbac", "role.yaml")["rules"]!.AsArray();
        var rule = Assert.Single(rules, r => r!["apiGroups"]!.AsArray().Any(g => (string?)g == group) &&
                                             r!["resources"]!.AsArray().Any(x => (string?)x == resource));
        Assert.Equal(verbs.Split(','), rule!["verbs"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void The_worker_service_account_has_no_token_and_no_binding()
    {
        var accounts = YamlManifests.ReadAll(File.ReadAllText(RepositoryPaths.Of("config", "rbac", "service_account.yaml")));
        var worker = Assert.Single(accounts, a => (string?)a["metadata"]!["name"] == "import-operator-worker");
        Assert.False((bool?)worker["automountServiceAccountToken"]);
        var bindings = Directory.GetFiles(RepositoryPaths.Of("config", "rbac"), "*.yaml").SelectMany(f => YamlManifests.ReadAll(File.ReadAllText(f)))
            .Where(d => ((string?)d["kind"])?.EndsWith("Binding", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(bindings, b => b["subjects"]!.AsArray().Any(s => (string?)s!["name"] == "import-operator-worker"));
    }
}
