using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.Runtime.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.ApiServer;

/// <summary>The test API server behaves like kube-apiserver where the operator depends on it, seen through KubernetesClient.</summary>
public sealed class ApiServerSemanticsTests : IAsyncLifetime
{
    ServerScope _scope = null!;
    public async Task InitializeAsync() => _scope = await ServerScope.StartAsync();
    public async Task DisposeAsync() => await _scope.DisposeAsync();

    static ObjectKey Key(string name) => new("default", name);

    [Fact]
    public async Task Create_assigns_uid_timestamp_generation_and_a_growing_global_resource_version()
    {
        var first = await _scope.CreateWidgetAsync("first");
        var second = await _scope.CreateWidgetAsync("second");

        Assert.False(string.IsNullOrEmpty(first.Metadata.Uid));
        Assert.NotNull(first.Metadata.CreationTimestamp);
        Assert.Equal(1, first.Metadata.Generation);
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Spec_changes_bump_generation_but_status_and_metadata_changes_do_not()
    {
        await _scope.CreateWidgetAsync("gen");
        var specChanged = await _scope.SetSizeAsync("gen", 7);
        var statusChanged = await _scope.Widgets.PatchAsync(Key("gen"), new V1Patch("{\"status\":{\"phase\":\"Ready\"}}", V1Patch.PatchType.MergePatch), status: true, default);
        var labelled = await _scope.Widgets.PatchAsync(Key("gen"), new V1Patch("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", V1Patch.PatchType.MergePatch), status: false, default);

        Assert.Equal(2, specChanged.Metadata.Generation);
        Assert.Equal(2, statusChanged.Metadata.Generation);
        Assert.Equal("Ready", statusChanged.Status?.Phase);
        Assert.Equal(2, labelled.Metadata.Generation);
    }

    [Fact]
    public async Task Status_subresource_and_main_endpoint_each_ignore_the_other_half()
    {
        await _scope.CreateWidgetAsync("split", size: 1);
        var viaMain = await _scope.Widgets.PatchAsync(Key("split"), new V1Patch("{\"status\":{\"phase\":\"Sneaky\"}}", V1Patch.PatchType.MergePatch), status: false, default);
        var viaStatus = await _scope.Widgets.PatchAsync(Key("split"), new V1Patch("{\"spec\":{\"size\":99},\"status\":{\"phase\":\"Ready\"}}", V1Patch.PatchType.MergePatch), status: true, default);

        Assert.Null(viaMain.Status);
        Assert.Equal(1, viaStatus.Spec!.Size);
        Assert.Equal("Ready", viaStatus.Status!.Phase);
    }

    [Fact]
    public async Task A_stale_resource_version_is_refused_with_409_and_a_Conflict_status()
    {
        var created = await _scope.CreateWidgetAsync("stale");
        await _scope.SetSizeAsync("stale", 2);
        created.Spec!.Size = 3;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<Widget>(
            created, Widget.Kind.Group, Widget.Kind.Version, "default", Widget.Kind.Plural, "stale"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal(409, status["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("missing", HttpStatusCode.NotFound, "NotFound")]
    public async Task Reading_a_missing_object_answers_a_Status_body(string name, HttpStatusCode code, string reason)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Widgets.GetAsync(Key(name), default));
        Assert.Equal(code, error.Response.StatusCode);
        Assert.Equal(reason, JsonNode.Parse(error.Response.Content)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_twice_answers_409_AlreadyExists()
    {
        await _scope.CreateWidgetAsync("twice");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.CreateWidgetAsync("twice"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("AlreadyExists", JsonNode.Parse(error.Response.Content)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_patch_and_merge_patch_both_apply()
    {
        await _scope.CreateWidgetAsync("patched", size: 1);
        var jsonPatched = await _scope.Widgets.PatchAsync(Key("patched"), new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":4},{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"x\":\"y\"}}]", V1Patch.PatchType.JsonPatch), status: false, default);
        var merged = await _scope.Widgets.PatchAsync(Key("patched"), new V1Patch("{\"spec\":{\"color\":null}}", V1Patch.PatchType.MergePatch), status: false, default);

        Assert.Equal(4, jsonPatched.Spec!.Size);
        Assert.Equal("y", jsonPatched.Metadata.Labels["x"]);
        Assert.Null(merged.Spec!.Color);
    }

    [Theory]
    [InlineData("tier=web", new[] { "a" })]
    [InlineData("tier!=web", new[] { "b", "c" })]
    [InlineData("tier in (web,db)", new[] { "a", "b" })]
    [InlineData("!tier", new[] { "c" })]
    public async Task Label_selectors_filter_lists(string selector, string[] expected)
    {
        await _scope.CreateWidgetAsync("a");
        await _scope.CreateWidgetAsync("b");
        await _scope.CreateWidgetAsync("c");
        await _scope.Widgets.PatchAsync(Key("a"), new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}", V1Patch.PatchType.MergePatch), false, default);
        await _scope.Widgets.PatchAsync(Key("b"), new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"db\"}}}", V1Patch.PatchType.MergePatch), false, default);

        var list = await _scope.Widgets.ListAsync("default", selector, default);

        Assert.Equal(expected, list.Items.Select(w => w.Metadata.Name).Order().ToArray());
    }

    [Fact]
    public async Task Deleting_with_finalizers_sets_deletionTimestamp_and_removing_the_last_one_deletes()
    {
        await _scope.CreateWidgetAsync("final");
        await _scope.Widgets.PatchAsync(Key("final"), new V1Patch("{\"metadata\":{\"finalizers\":[\"test/one\"]}}", V1Patch.PatchType.MergePatch), false, default);

        await _scope.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Widget.Kind.Group, Widget.Kind.Version, "default", Widget.Kind.Plural, "final");
        var terminating = await _scope.Widgets.GetAsync(Key("final"), default);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        await _scope.Widgets.PatchAsync(Key("final"), new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), false, default);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Widgets.GetAsync(Key("final"), default));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_owner_garbage_collects_its_dependents()
    {
        var owner = await _scope.CreateWidgetAsync("owner");
        await _scope.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "child",
                OwnerReferences = [ImportOperator.Runtime.Helpers.OwnerReferences.ControllerReference(owner, Widget.Kind)],
            },
            Data = new Dictionary<string, string> { ["k"] = "v" },
        }, "default");

        await _scope.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Widget.Kind.Group, Widget.Kind.Version, "default", Widget.Kind.Plural, "owner");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Client.CoreV1.ReadNamespacedConfigMapAsync("child", "default"));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_one_410_ERROR_event()
    {
        var created = await _scope.CreateWidgetAsync("old");
        await _scope.SetSizeAsync("old", 2);
        _scope.Server.Compact();

        Exception? reported = null;
        var events = new List<WatchEventType>();
        await foreach (var (type, _) in _scope.Widgets.WatchAsync("default", null, created.Metadata.ResourceVersion, 5, e => reported = e, default))
            events.Add(type);

        Assert.Empty(events);
        var gone = Assert.IsType<KubernetesException>(reported);
        Assert.Equal(410, gone.Status.Code);
    }

    [Fact]
    public async Task A_watch_resumes_after_its_resource_version_without_replaying_older_events()
    {
        await _scope.CreateWidgetAsync("w1");
        var list = await _scope.Widgets.ListAsync("default", null, default);
        await _scope.SetSizeAsync("w1", 5);
        await _scope.CreateWidgetAsync("w2");

        var seen = new List<(WatchEventType, string)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var (type, obj) in _scope.Widgets.WatchAsync("default", null, list.Metadata.ResourceVersion, 2, _ => { }, cts.Token))
        {
            if (type != WatchEventType.Bookmark) seen.Add((type, obj.Metadata.Name));
            if (seen.Count == 2) break;
        }

        Assert.Equal([(WatchEventType.Modified, "w1"), (WatchEventType.Added, "w2")], seen);
    }

    [Fact]
    public async Task An_idle_watch_carries_bookmarks_and_stays_open_until_its_timeout()
    {
        var list = await _scope.Widgets.ListAsync("default", null, default);
        using var http = new HttpClient { BaseAddress = _scope.Server.BaseUri };
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync(
            $"/apis/test.example.com/v1/namespaces/default/widgets?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion={list.Metadata.ResourceVersion}",
            HttpCompletionOption.ResponseHeadersRead);

        // Reading to the end throws if the server cuts the stream instead of ending it at timeoutSeconds.
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2.5), $"the watch ended after {started.Elapsed}, before its timeoutSeconds");
        Assert.True(lines.Length >= 2, $"expected a bookmark per idle second, got: {string.Join(" | ", lines)}");
        Assert.All(lines, line => Assert.Equal("BOOKMARK", JsonNode.Parse(line)!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Injected_failures_answer_500_then_recover()
    {
        _scope.Server.Faults.FailNext(2, 500);
        for (int i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Widgets.ListAsync("default", null, default));
            Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        }
        var list = await _scope.Widgets.ListAsync("default", null, default);
        Assert.NotNull(list);
    }

    [Fact]
    public async Task Tables_carry_the_CRD_printer_columns()
    {
        await _scope.CreateWidgetAsync("tabled", size: 9);
        using var http = new HttpClient { BaseAddress = _scope.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/test.example.com/v1/namespaces/default/widgets");
        request.Headers.Accept.ParseAdd("application/json;as=Table;g=meta.k8s.io;v=v1");
        using var response = await http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Size", "Phase", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal("tabled", table["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Equal(9, table["rows"]![0]!["cells"]![1]!.GetValue<int>());
    }

    [Fact]
    public async Task Faults_can_be_injected_over_http_for_the_stand_alone_server()
    {
        using var http = new HttpClient { BaseAddress = _scope.Server.BaseUri };
        (await http.PostAsync("/_test/fail?count=1&code=429", null)).EnsureSuccessStatusCode();

        var throttled = await http.GetAsync("/api/v1/namespaces");
        var after = await http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("TooManyRequests", JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Discovery_lists_built_in_and_custom_groups()
    {
        using var http = new HttpClient { BaseAddress = _scope.Server.BaseUri };
        var groups = JsonNode.Parse(await http.GetStringAsync("/apis"))!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToArray();
        var core = JsonNode.Parse(await http.GetStringAsync("/api/v1"))!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToArray();

        Assert.Contains("batch", groups);
        Assert.Contains("coordination.k8s.io", groups);
        Assert.Contains("test.example.com", groups);
        Assert.Contains("pods/log", core);
        Assert.Contains("secrets", core);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects_but_finalizers_still_hold_theirs()
    {
        await _scope.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await _scope.CreateWidgetAsync("plain", ns: "doomed");
        await _scope.CreateWidgetAsync("guarded", ns: "doomed");
        await _scope.Widgets.PatchAsync(new("doomed", "guarded"), new V1Patch("{\"metadata\":{\"finalizers\":[\"test/keep\"]}}", V1Patch.PatchType.MergePatch), false, default);

        await _scope.Client.CoreV1.DeleteNamespaceAsync("doomed");

        var left = await _scope.Widgets.ListAsync("doomed", null, default);
        var guarded = Assert.Single(left.Items);
        Assert.Equal("guarded", guarded.Metadata.Name);
        Assert.NotNull(guarded.Metadata.DeletionTimestamp);
    }
}
