using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// Plays kubelet for one container of a Deployment's pod template, with the operator's build standing in for the
/// image: volumes (ConfigMap, Secret, emptyDir) are written under a temporary root at their mount paths, env is
/// resolved (literal values and the downward API's metadata.namespace/name), and every mount path in args, env and
/// mounted ConfigMap files is rewritten to its place under that root. The container's entrypoint
/// (/app/import-operator) becomes `dotnet import-operator.dll`.
/// </summary>
public sealed class LocalPod : IAsyncDisposable
{
    readonly StringBuilder _log = new();
    readonly string _root = Directory.CreateTempSubdirectory("local-pod-").FullName;
    Process? _process;

    LocalPod(string name) => Name = name;

    public string Name { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }
    public IReadOnlyList<string> Arguments { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <param name="overrides">What the cluster would give instead (e.g. KUBECONFIG standing for the in-cluster service account).</param>
    public static async Task<LocalPod> StartAsync(IKubernetes client, V1Deployment deployment, string containerName, IReadOnlyDictionary<string, string> overrides)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var pod = new LocalPod($"{deployment.Metadata.Name}-local-{Guid.NewGuid().ToString("N")[..5]}");
        var spec = deployment.Spec.Template.Spec;
        var container = spec.Containers.Single(c => c.Name == containerName);

        var mounts = new List<(string MountPath, string LocalPath)>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = spec.Volumes.Single(v => v.Name == mount.Name);
            var local = Path.Combine(pod._root, mount.MountPath.TrimStart('/'));
            Directory.CreateDirectory(local);
            if (volume.ConfigMap is { } configMapSource)
            {
                var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(configMapSource.Name, ns);
                foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>()) await File.WriteAllTextAsync(Path.Combine(local, key), value);
            }
            else if (volume.Secret is { } secretSource)
            {
                var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretSource.SecretName, ns);
                foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>()) await File.WriteAllBytesAsync(Path.Combine(local, key), value);
            }
            else if (volume.EmptyDir is null)
            {
                throw new NotSupportedException($"Volume {volume.Name} of {deployment.Metadata.Name}: only configMap, secret and emptyDir volumes are played locally.");
            }
            mounts.Add((mount.MountPath, local));
        }
        // Mounted files may name other mounts (the operator's settings file names the Secret files).
        foreach (var (mountPath, local) in mounts)
            if (spec.Volumes.Single(v => v.Name == container.VolumeMounts!.Single(m => m.MountPath == mountPath).Name).ConfigMap is not null)
                foreach (var file in Directory.GetFiles(local))
                    await File.WriteAllTextAsync(file, Rewrite(await File.ReadAllTextAsync(file), mounts));

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.FieldRef is { } field)
                environment[variable.Name] = field.FieldPath switch
                {
                    "metadata.namespace" => ns,
                    "metadata.name" => pod.Name,
                    _ => throw new NotSupportedException($"env {variable.Name}: fieldRef {field.FieldPath} is not played locally."),
                };
            else if (variable.ValueFrom is not null)
                throw new NotSupportedException($"env {variable.Name}: only values and fieldRef are played locally.");
            else
                environment[variable.Name] = Rewrite(variable.Value ?? "", mounts);
        }
        foreach (var (key, value) in overrides) environment[key] = value;
        pod.Environment = environment;
        pod.Arguments = [.. (container.Args ?? []).Select(a => Rewrite(a, mounts))];

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "import-operator.dll"));
        foreach (var argument in pod.Arguments) start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith(Configuration.AppConfiguration.EnvironmentPrefix, StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => pod.Append(e.Data);
        process.ErrorDataReceived += (_, e) => pod.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        pod._process = process;
        return pod;
    }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>One pass (a rewritten path is never rewritten again); longest mount path first, whole path segments only.</summary>
    static string Rewrite(string text, List<(string MountPath, string LocalPath)> mounts)
    {
        if (mounts.Count == 0) return text;
        var byPath = mounts.ToDictionary(m => m.MountPath, m => m.LocalPath, StringComparer.Ordinal);
        var alternatives = string.Join('|', mounts.Select(m => m.MountPath).OrderByDescending(p => p.Length).Select(System.Text.RegularExpressions.Regex.Escape));
        return System.Text.RegularExpressions.Regex.Replace(text, $@"(?<![\w/.-])({alternatives})(?=/|$|[""\s])", m => byPath[m.Value]);
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(10_000);
            process.Dispose();
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
