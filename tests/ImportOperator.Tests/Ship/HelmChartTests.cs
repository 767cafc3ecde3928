using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;
using k8s.Models;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// charts/import-operator as a cluster admin meets it: it lints, renders with defaults and with every option, and what
/// it renders runs hardened, with least privilege, and with the operator's settings as the operator reads them.
/// </summary>
public sealed class HelmChartTests
{
    public static TheoryData<string> ValueSets => new() { "defaults", "every-option" };

    static RenderedChart RenderValueSet(string name) => name == "defaults"
        ? RenderedChart.Render()
        : RenderedChart.Render([RenderedChart.EveryOptionValues], apiVersions: ["monitoring.coreos.com/v1"]);

    [Fact]
    public void Helm_lint_strict_passes_with_defaults_and_with_every_option()
    {
        var defaults = ShipTools.RunHelm("lint", "--strict", ShipTools.Chart);
        Assert.True(defaults.ExitCode == 0, defaults.Describe("helm lint --strict"));
        var everything = ShipTools.RunHelm("lint", "--strict", ShipTools.Chart, "--values", RenderedChart.EveryOptionValues);
        Assert.True(everything.ExitCode == 0, everything.Describe("helm lint --strict --values every-option.values.yaml"));
    }

    [Fact]
    public void Default_values_render_the_whole_installation()
    {
        var chart = RenderedChart.Render();

        Assert.Equal(["headlessimports.importoperator.io", "importschemas.importoperator.io"],
            chart.OfType<V1CustomResourceDefinition>().Select(c => c.Metadata.Name).Order());
        var operatorDeployment = chart.Single<V1Deployment>("shop-import-operator");
        Assert.Equal(2, operatorDeployment.Spec.Replicas);
        Assert.NotNull(chart.Single<V1Deployment>("shop-import-operator-review"));
        Assert.NotNull(chart.Single<V1Service>("shop-import-operator-review"));
        Assert.Equal("1", chart.Single<V1PodDisruptionBudget>("shop-import-operator").Spec.MinAvailable?.Value);
        Assert.Equal(["shop-import-operator", "shop-import-operator-review", "shop-import-operator-worker"],
            chart.OfType<V1ServiceAccount>().Select(a => a.Metadata.Name).Order());
        Assert.NotNull(chart.Single<V1ClusterRole>("shop-import-operator"));
        Assert.Empty(chart.OfType<V1Ingress>());
        Assert.Empty(chart.OfType<ServiceMonitor>());
        Assert.All(chart.Objects.OfType<k8s.IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1CustomResourceDefinition and not V1ClusterRole and not V1ClusterRoleBinding),
            o => Assert.Equal(RenderedChart.Namespace, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Every_option_renders_what_it_asks_for()
    {
        var chart = RenderValueSet("every-option");

        var operatorDeployment = chart.Single<V1Deployment>("shop-imports");
        Assert.Equal(3, operatorDeployment.Spec.Replicas);
        var pod = operatorDeployment.Spec.Template.Spec;
        Assert.Equal("registry.example.com/platform/import-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", pod.Containers[0].Image);
        Assert.Equal("regcred", pod.ImagePullSecrets.Single().Name);
        Assert.Equal("system-cluster-critical", pod.PriorityClassName);
        Assert.Equal(9081, pod.Containers[0].Ports.Single(p => p.Name == "health").ContainerPort);
        Assert.Equal(9465, pod.Containers[0].Ports.Single(p => p.Name == "metrics").ContainerPort);
        Assert.Equal("http://otel-collector.observability:4317", Env(pod, "OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal("otlp,prometheus", Env(pod, "OTEL_METRICS_EXPORTER"));
        Assert.Equal("Debug", Env(pod, "Logging__LogLevel__Default"));
        Assert.Equal("shop-imports-storage-keys", pod.Volumes.Single(v => v.Name == "storage-credentials").Secret.SecretName);

        // watchNamespace: every right is a Role in that namespace; nothing cluster-wide.
        Assert.Empty(chart.OfType<V1ClusterRole>());
        Assert.Empty(chart.OfType<V1ClusterRoleBinding>());
        Assert.Equal("customer-imports", chart.Single<V1Role>("shop-imports").Metadata.NamespaceProperty);
        Assert.Equal("customer-imports", chart.Single<V1Role>("shop-imports-review").Metadata.NamespaceProperty);
        Assert.Equal(RenderedChart.Namespace, chart.Single<V1Role>("shop-imports-leader-election").Metadata.NamespaceProperty);
        // provisionNamespaces false: the chart provisions the worker's account, so the operator cannot create accounts or Secrets.
        Assert.DoesNotContain(chart.Single<V1Role>("shop-imports").Rules, r => r.Resources.Contains("secrets") || r.Resources.Contains("serviceaccounts"));
        Assert.Equal(["customer-imports", RenderedChart.Namespace],
            chart.OfType<V1ServiceAccount>().Where(a => a.Metadata.Name == "shop-imports-worker").Select(a => a.Metadata.NamespaceProperty).Order());
        Assert.All(chart.OfType<V1ServiceAccount>().Where(a => a.Metadata.Name == "shop-imports-worker"),
            a => Assert.Equal("arn:aws:iam::123456789012:role/imports-worker", a.Metadata.Annotations["eks.amazonaws.com/role-arn"]));

        var ingress = chart.Single<V1Ingress>("shop-imports-review");
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("review.shop.example.com", ingress.Spec.Rules.Single().Host);
        Assert.Equal("review-shop-tls", ingress.Spec.Tls.Single().SecretName);
        Assert.Equal("NodePort", chart.Single<V1Service>("shop-imports-review").Spec.Type);
        Assert.Equal(2, chart.Single<V1Deployment>("shop-imports-review").Spec.Replicas);
        Assert.Equal("15s", ((Dictionary<object, object>)((List<object>)chart.Single<ServiceMonitor>("shop-imports").Spec!["endpoints"])[0])["interval"]);
        Assert.Empty(chart.OfType<V1Secret>()); // every Secret is an existing one
        Assert.All(chart.OfType<V1CustomResourceDefinition>(), c => Assert.Null(c.Metadata.Annotations)); // crds.keep false
    }

    [Fact]
    public void The_review_app_gets_the_storage_flags_the_signing_key_file_and_its_port()
    {
        var chart = RenderValueSet("every-option");
        var container = chart.Single<V1Deployment>("shop-imports-review").Spec.Template.Spec.Containers.Single();

        Assert.Equal("review", container.Args[0]);
        Assert.Equal("8090", Flag(container, "--listen"));
        Assert.Equal("/var/run/secrets/import-operator/review/key", Flag(container, "--review-signing-key-file"));
        Assert.Equal("shop-imports", Flag(container, "--storage-bucket"));
        Assert.Equal("https://minio.storage.svc:9000", Flag(container, "--storage-endpoint"));
        Assert.Equal("eu-west-1", Flag(container, "--storage-region"));
        Assert.Equal("true", Flag(container, "--storage-force-path-style"));
        Assert.Equal("/var/run/secrets/import-operator/storage/accessKeyId", Flag(container, "--storage-access-key-id-file"));
        Assert.Equal(8090, container.Ports.Single().ContainerPort);
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Every_container_runs_non_root_on_a_read_only_root_file_system_without_privilege_escalation_and_with_resources(string valueSet)
    {
        var chart = RenderValueSet(valueSet);
        var pods = chart.PodSpecs().ToList();
        Assert.Equal(2, pods.Count);
        foreach (var pod in pods)
        {
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var security = container.SecurityContext;
                Assert.True(security.RunAsNonRoot ?? pod.SecurityContext.RunAsNonRoot, $"{container.Name} may run as root");
                Assert.True(security.ReadOnlyRootFilesystem, $"{container.Name} has a writable root file system");
                Assert.False(security.AllowPrivilegeEscalation ?? true, $"{container.Name} allows privilege escalation");
                Assert.Contains("ALL", security.Capabilities.Drop);
                Assert.NotEmpty(container.Resources.Requests);
                Assert.True(container.Resources.Limits.ContainsKey("memory"), $"{container.Name} has no memory limit");
                // A read-only root needs a writable /tmp for .NET and ASP.NET Core.
                Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
                Assert.Equal("0", container.Env.Single(e => e.Name == "DOTNET_EnableDiagnostics").Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void No_rbac_rule_uses_a_wildcard(string valueSet)
    {
        var chart = RenderValueSet(valueSet);
        var rules = chart.OfType<V1ClusterRole>().SelectMany(r => r.Rules).Concat(chart.OfType<V1Role>().SelectMany(r => r.Rules)).ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            Assert.DoesNotContain("*", rule.ApiGroups);
            Assert.DoesNotContain("*", rule.Resources);
            Assert.DoesNotContain("*", rule.Verbs);
            Assert.Null(rule.NonResourceURLs);
        }
    }

    [Fact]
    public void The_operator_rights_equal_the_kustomize_cluster_role_and_the_review_app_only_reads_and_patches_imports()
    {
        var chart = RenderedChart.Render();
        var kustomize = RenderedChart.Parse(File.ReadAllText(RepositoryPaths.Of("config", "rbac", "role.yaml"))).OfType<V1ClusterRole>().Single();
        Assert.Equal(Flatten(kustomize.Rules), Flatten(chart.Single<V1ClusterRole>("shop-import-operator").Rules));
        Assert.Equal(["importoperator.io/headlessimports/get", "importoperator.io/headlessimports/list", "importoperator.io/headlessimports/patch", "importoperator.io/headlessimports/watch"],
            Flatten(chart.Single<V1ClusterRole>("shop-import-operator-review").Rules));
        var leader = RenderedChart.Parse(File.ReadAllText(RepositoryPaths.Of("config", "rbac", "leader_election_role.yaml"))).OfType<V1Role>().Single();
        Assert.Equal(Flatten(leader.Rules), Flatten(chart.Single<V1Role>("shop-import-operator-leader-election").Rules));
        var binding = chart.Single<V1ClusterRoleBinding>("shop-import-operator");
        Assert.Equal(("shop-import-operator", RenderedChart.Namespace), (binding.Subjects.Single().Name, binding.Subjects.Single().NamespaceProperty));
    }

    [Fact]
    public void The_worker_service_account_has_no_token_and_no_rights()
    {
        var chart = RenderedChart.Render();
        var worker = chart.Single<V1ServiceAccount>("shop-import-operator-worker");
        Assert.False(worker.AutomountServiceAccountToken);
        var subjects = chart.OfType<V1ClusterRoleBinding>().SelectMany(b => b.Subjects).Concat(chart.OfType<V1RoleBinding>().SelectMany(b => b.Subjects));
        Assert.DoesNotContain(subjects, s => s.Name == worker.Metadata.Name);
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void The_operator_reads_the_rendered_settings_as_intended(string valueSet)
    {
        var chart = RenderValueSet(valueSet);
        var settings = OperatorSettingsOf(chart);
        if (valueSet == "defaults")
        {
            Assert.Null(NullIfEmpty(settings.Operator.WatchNamespace));
            Assert.True(settings.Operator.LeaderElection);
            Assert.Equal(8081, settings.Operator.HealthPort);
            Assert.Equal(TimeSpan.FromMinutes(30), settings.Operator.ResultUrlLifetime);
            Assert.Equal("ghcr.io/importoperator/import-operator:0.1.0", settings.Worker.Image);
            Assert.Equal("shop-import-operator-worker", settings.Worker.ServiceAccountName);
            Assert.Null(NullIfEmpty(settings.Worker.StorageSecretName)); // no credentials: workload identity
            Assert.True(settings.Worker.ProvisionNamespaces);
            Assert.Equal("import-operator", settings.Storage.Bucket);
            Assert.Null(NullIfEmpty(settings.Storage.AccessKeyIdFile));
            Assert.Equal("http://shop-import-operator-review.import-operator-system.svc:80", settings.Notifications.ReviewBaseUrl);
            Assert.Equal("/var/run/secrets/import-operator/webhook/signingKey", settings.Notifications.WebhookSigningKeyFile);
        }
        else
        {
            Assert.Equal("customer-imports", settings.Operator.WatchNamespace);
            Assert.Equal("shop-imports-leader", settings.Operator.LeaderElectionId);
            Assert.Equal(9081, settings.Operator.HealthPort);
            Assert.Equal(4, settings.Operator.MaxConcurrentReconciles);
            Assert.Equal(TimeSpan.FromSeconds(2), settings.Operator.UploadScanInterval);
            Assert.Equal(TimeSpan.FromMinutes(10), settings.Operator.SchemaWaitTimeout);
            Assert.Equal(TimeSpan.FromMinutes(4), settings.Operator.ImagePullTimeout);
            Assert.Equal(TimeSpan.FromSeconds(30), settings.Operator.RunningCheckInterval);
            Assert.Equal(TimeSpan.FromHours(25), settings.Operator.ResultUrlLifetime);
            Assert.Equal(20, settings.Operator.CleanupMaxAttempts);
            Assert.Equal("Always", settings.Worker.ImagePullPolicy);
            Assert.Equal("shop-imports-worker", settings.Worker.ServiceAccountName);
            Assert.Equal("shop-imports-storage-keys", settings.Worker.StorageSecretName);
            Assert.False(settings.Worker.ProvisionNamespaces);
            Assert.Equal("arn:aws:iam::123456789012:role/imports-worker", settings.Worker.ServiceAccountAnnotations["eks.amazonaws.com/role-arn"]);
            Assert.Equal(2, settings.Worker.BackoffLimit);
            Assert.Equal(7200, settings.Worker.DefaultTimeoutSeconds);
            Assert.Equal("2Gi", settings.Worker.DefaultLimits["memory"]);
            Assert.Equal("8Gi", settings.Worker.ScratchSizeLimit);
            Assert.Equal("0x4B", settings.Worker.Environment["DOTNET_GCHeapHardLimitPercent"]);
            Assert.Equal("shop-imports-worker", settings.Worker.Environment["OTEL_SERVICE_NAME"]);
            Assert.Equal("http://otel-collector.observability:4317", settings.Worker.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("https://minio.storage.svc:9000", settings.Storage.ServiceUrl);
            Assert.Equal("eu-west-1", settings.Storage.Region);
            Assert.True(settings.Storage.ForcePathStyle);
            Assert.Equal("/var/run/secrets/import-operator/storage/secretAccessKey", settings.Storage.SecretAccessKeyFile);
            Assert.Equal("/var/run/secrets/import-operator/webhook/key", settings.Notifications.WebhookSigningKeyFile);
            Assert.Equal("https://review.shop.example.com/imports", settings.Notifications.ReviewBaseUrl);
        }
        // Only the mounted files are missing here; every other setting passes the operator's own checks.
        Assert.All(settings.Validate(), problem => Assert.Contains("does not exist", problem));
    }

    [Fact]
    public void A_settings_change_rolls_the_operator_pods()
    {
        string Checksum(RenderedChart chart) => chart.Single<V1Deployment>("shop-import-operator").Spec.Template.Metadata.Annotations["checksum/config"];
        Assert.NotEqual(Checksum(RenderedChart.Render()), Checksum(RenderedChart.Render(sets: ["operator.maxConcurrentReconciles=3"])));
    }

    [Fact]
    public void The_review_base_url_comes_from_the_ingress_host_when_not_given()
    {
        var chart = RenderedChart.Render(sets: ["review.ingress.enabled=true", "review.ingress.hosts[0].host=imports.example.org", "review.ingress.hosts[0].paths[0].path=/review", "review.ingress.hosts[0].paths[0].pathType=Prefix"]);
        Assert.Equal("https://imports.example.org/review", OperatorSettingsOf(chart).Notifications.ReviewBaseUrl);
    }

    [Fact]
    public void Without_review_there_are_no_review_links_and_no_review_objects()
    {
        var chart = RenderedChart.Render(sets: ["review.enabled=false"]);
        Assert.DoesNotContain(chart.OfType<V1Deployment>(), d => d.Metadata.Name.EndsWith("-review", StringComparison.Ordinal));
        Assert.Empty(chart.OfType<V1Service>());
        Assert.Null(NullIfEmpty(OperatorSettingsOf(chart).Notifications.ReviewBaseUrl));
    }

    [Fact]
    public void Inline_credentials_become_a_secret_mounted_as_the_operators_credential_files()
    {
        var chart = RenderedChart.Render(sets: ["storage.credentials.accessKeyId=AKIDEXAMPLE", "storage.credentials.secretAccessKey=wJalrXUtnFEMI"]);
        var secret = chart.Single<V1Secret>("shop-import-operator-storage");
        Assert.Equal("AKIDEXAMPLE"u8.ToArray(), secret.Data["accessKeyId"]);
        Assert.Equal("wJalrXUtnFEMI"u8.ToArray(), secret.Data["secretAccessKey"]);
        var settings = OperatorSettingsOf(chart);
        Assert.Equal("shop-import-operator-storage", settings.Worker.StorageSecretName);
        Assert.Equal("/var/run/secrets/import-operator/storage/accessKeyId", settings.Storage.AccessKeyIdFile);
    }

    [Fact]
    public void Generated_signing_keys_are_long_enough_for_the_operator_and_the_review_app()
    {
        var chart = RenderedChart.Render();
        var webhook = chart.Single<V1Secret>("shop-import-operator-webhook-signing-key").Data["signingKey"];
        var review = chart.Single<V1Secret>("shop-import-operator-review-signing-key").Data["signingKey"];
        Assert.True(webhook.Length >= ImportOperator.Notifications.WebhookSigningKey.MinimumBytes);
        Assert.True(review.Length >= ImportOperator.Review.ReviewSigningKey.MinimumBytes);
        Assert.NotEqual(webhook, review);
    }

    [Fact]
    public void A_service_monitor_is_rendered_only_where_prometheus_operator_is_installed()
    {
        string[] prometheus = ["telemetry.prometheus.enabled=true"];
        Assert.Empty(RenderedChart.Render(sets: prometheus).OfType<ServiceMonitor>());
        Assert.Single(RenderedChart.Render(sets: prometheus, apiVersions: ["monitoring.coreos.com/v1"]).OfType<ServiceMonitor>());
        Assert.Empty(RenderedChart.Render(apiVersions: ["monitoring.coreos.com/v1"]).OfType<ServiceMonitor>());
    }

    [Fact]
    public void The_values_schema_refuses_a_misspelt_key_and_an_invalid_bucket_naming_them()
    {
        var typo = RenderedChart.TryRender(sets: ["storage.buckett=imports"]);
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains("buckett", typo.Error);
        var bucket = RenderedChart.TryRender(sets: ["storage.bucket=Not_A_Bucket"]);
        Assert.NotEqual(0, bucket.ExitCode);
        Assert.Contains("/storage/bucket", bucket.Error);
    }

    [Fact]
    public void Helm_install_prints_the_next_steps()
    {
        var result = ShipTools.RunHelm("install", RenderedChart.Release, ShipTools.Chart, "--namespace", RenderedChart.Namespace, "--dry-run=client");
        Assert.True(result.ExitCode == 0, result.Describe("helm install --dry-run=client"));
        var notes = result.Output[result.Output.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("rollout status deployment/shop-import-operator", notes);
        Assert.Contains("curl -fsS -X PUT --upload-file samples/contacts.csv", notes);
        Assert.Contains("get headlessimport contacts-2026-11", notes);
        Assert.Contains("docs/install.md", notes);
    }

    static OperatorSettings OperatorSettingsOf(RenderedChart chart)
    {
        var json = chart.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.EndsWith("-config", StringComparison.Ordinal)).Data["operator.json"];
        var file = Path.Combine(Path.GetTempPath(), $"operator-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try { return OperatorSettings.Bind(AppConfiguration.Build(file)); }
        finally { File.Delete(file); }
    }

    static string? Env(V1PodSpec pod, string name) => pod.Containers[0].Env.SingleOrDefault(e => e.Name == name)?.Value;

    static string? Flag(V1Container container, string flag)
    {
        var index = container.Args.IndexOf(flag);
        return index < 0 ? null : container.Args[index + 1];
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Rules as sorted group/resource/verb triples, so equal rights compare equal however they are grouped.</summary>
    static List<string> Flatten(IEnumerable<V1PolicyRule> rules) =>
        [.. rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{(g.Length == 0 ? "core" : g)}/{res}/{v}"))))
            .Distinct().Order(StringComparer.Ordinal)];
}
