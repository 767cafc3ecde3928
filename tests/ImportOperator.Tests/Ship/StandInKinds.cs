using System.Text.Json.Nodes;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// The test API server serves only the kinds the operator itself uses. The chart also holds Deployments, Services,
/// RBAC and the like, which the operator never reads; they are served here as schemaless kinds at their real
/// group/version/plural, so kubectl applies the whole chart and the test reads the Deployment back as stored.
/// </summary>
public static class StandInKinds
{
    static readonly (string Group, string Version, string Kind, string Plural, bool Namespaced)[] Kinds =
    [
        ("apps", "v1", "Deployment", "deployments", true),
        ("", "v1", "Service", "services", true),
        ("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
        ("networking.k8s.io", "v1", "Ingress", "ingresses", true),
        ("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        ("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        ("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
    ];

    public static void Register(TestApiServer.TestApiServer api)
    {
        foreach (var (group, version, kind, plural, namespaced) in Kinds)
        {
            if (api.Store.Registry.Find(group, version, plural) is not null) continue;
            api.Store.Registry.RegisterCrd(new JsonObject
            {
                ["apiVersion"] = "apiextensions.k8s.io/v1",
                ["kind"] = "CustomResourceDefinition",
                ["metadata"] = new JsonObject { ["name"] = group.Length == 0 ? plural : $"{plural}.{group}" },
                ["spec"] = new JsonObject
                {
                    ["group"] = group,
                    ["scope"] = namespaced ? "Namespaced" : "Cluster",
                    ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant(), ["listKind"] = kind + "List" },
                    ["versions"] = new JsonArray(new JsonObject
                    {
                        ["name"] = version,
                        ["served"] = true,
                        ["storage"] = true,
                        ["schema"] = new JsonObject
                        {
                            ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                        },
                    }),
                },
            });
        }
    }
}
