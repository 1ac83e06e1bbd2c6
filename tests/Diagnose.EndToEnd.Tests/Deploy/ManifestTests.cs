using System.Text.Json;
using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Deploy;

/// <summary>
/// deploy/ checked offline, as far as the tools here go (no cluster, no Docker daemon): kubectl builds the
/// kustomization and decodes the Deployment into its typed API objects without dropping a field; the arrangement
/// the sidecar needs is in the manifests and in compose.yaml (read with python3's yaml); the specs are valid specs.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string Deploy = Path.Combine(Installation.Root, "deploy");
    private static readonly string Kubernetes = Path.Combine(Deploy, "kubernetes");

    [Test]
    public void KubectlBuildsTheKustomizationAndDecodesTheDeploymentWithoutDroppingAField()
    {
        var build = Kubectl("kustomize", Kubernetes);
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("kind: Deployment").And.Contain("kind: ServiceAccount").And.Contain("kind: ConfigMap"));
        Assert.That(build.Output, Does.Not.Contain("kind: Role").And.Not.Contain("kind: ClusterRole"), "the service account is granted nothing");

        var deployment = Path.Combine(Kubernetes, "deployment.yaml");
        var asWritten = Kubectl("label", "--local", "-f", deployment, "-o", "json", "--overwrite", "app.kubernetes.io/name=shop");
        var typed = Kubectl("set", "image", "--local", "-f", deployment, "-o", "json", "app=changed"); // no change, no output
        Assert.That(asWritten.ExitCode, Is.EqualTo(0), asWritten.ToString());
        Assert.That(typed.ExitCode, Is.EqualTo(0), typed.ToString());
        var known = Leaves(JsonNode.Parse(typed.Output)!).ToHashSet();
        Assert.That(known, Does.Contain(".spec.template.spec.containers[0].image=\"changed\""));
        var dropped = Leaves(JsonNode.Parse(asWritten.Output)!).Where(leaf => !known.Contains(leaf) && !leaf.StartsWith(".spec.template.spec.containers[0].image=", StringComparison.Ordinal));
        Assert.That(dropped, Is.Empty, "fields the API does not know (misspelt?)");
    }

    [Test]
    public void TheDeploymentPutsTheSidecarBesideTheAppSharingProcessesAndTmpOnly()
    {
        var pod = Yaml(Path.Combine(Kubernetes, "deployment.yaml"))["spec"]!["template"]!["spec"]!;
        var account = Yaml(Path.Combine(Kubernetes, "serviceaccount.yaml"));
        var specs = Yaml(Path.Combine(Kubernetes, "configmap.yaml"));

        Assert.That(pod["shareProcessNamespace"]!.GetValue<bool>(), Is.True);
        Assert.That(pod["automountServiceAccountToken"]!.GetValue<bool>(), Is.False);
        Assert.That(account["automountServiceAccountToken"]!.GetValue<bool>(), Is.False);
        Assert.That(pod["serviceAccountName"]!.GetValue<string>(), Is.EqualTo(account["metadata"]!["name"]!.GetValue<string>()));
        var volumes = pod["volumes"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!);
        Assert.That(volumes["tmp"]["emptyDir"], Is.Not.Null);
        Assert.That(volumes["specs"]["configMap"]!["name"]!.GetValue<string>(), Is.EqualTo(specs["metadata"]!["name"]!.GetValue<string>()));

        var containers = pod["containers"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.That(containers.Keys, Is.EquivalentTo(new[] { "app", "diagnose" }));
        Assert.That(Mounts(containers["app"]), Is.EqualTo(new Dictionary<string, string> { ["tmp"] = "/tmp" }), "the app gets the shared /tmp and nothing of Diagnose");
        var sidecarMounts = Mounts(containers["diagnose"]);
        Assert.That(sidecarMounts["tmp"], Is.EqualTo("/tmp"));
        var arguments = containers["diagnose"]["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.That(arguments[0], Is.EqualTo("sidecar"));
        Assert.That(arguments[arguments.IndexOf("--store") + 1], Is.EqualTo(sidecarMounts["specs"]), "the store is the mounted ConfigMap");
        Assert.That(pod["securityContext"]!["runAsUser"], Is.Not.Null, "one user for both containers: the diagnostics socket is its owner's only");
        Assert.That(containers.Values.Select(c => c["securityContext"]?["runAsUser"]), Has.All.Null);
    }

    [Test]
    public void TheComposeFileSharesTheAppsProcessesAndTmpWithTheSidecar()
    {
        var services = Yaml(Path.Combine(Deploy, "compose.yaml"))["services"]!;
        var app = services["app"]!;
        var sidecar = services["diagnose"]!;

        Assert.That(sidecar["pid"]!.GetValue<string>(), Is.EqualTo("service:app"));
        Assert.That(Strings(app["volumes"]), Is.EqualTo(new[] { "tmp:/tmp" }));
        Assert.That(Strings(sidecar["volumes"]), Is.EqualTo(new[] { "tmp:/tmp", "./specs:/etc/diagnose/specs:ro" }));
        Assert.That(Strings(sidecar["command"]).Take(3), Is.EqualTo(new[] { "sidecar", "--store", "/etc/diagnose/specs" }));
        Assert.That(sidecar["user"]!.GetValue<string>(), Is.EqualTo(app["user"]!.GetValue<string>()));
        Assert.That(Directory.GetFiles(Path.Combine(Deploy, "specs"), "*.json"), Is.Not.Empty);
    }

    [Test]
    public void TheExampleSpecsAreValidAndTheSameInTheConfigMapAndForCompose()
    {
        var data = Yaml(Path.Combine(Kubernetes, "configmap.yaml"))["data"]!.AsObject();
        foreach (var (file, text) in data)
        {
            Assert.That(text!.GetValue<string>().Trim(), Is.EqualTo(File.ReadAllText(Path.Combine(Deploy, "specs", file)).Trim()), file);
            using var document = JsonDocument.Parse(text.GetValue<string>());
            foreach (var spec in document.RootElement.EnumerateObject())
            {
                Assert.That(SpecReader.Read(spec.Name, spec.Value).Error, Is.Null, $"{file}: {spec.Name}");
            }
        }
    }

    [Test]
    public void TheSidecarImageInstallsTheToolPackageOnARuntimeImage()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();

        Assert.That(lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Last(), Does.StartWith("FROM mcr.microsoft.com/dotnet/runtime:"));
        Assert.That(lines, Has.Some.Contains("dotnet tool install --tool-path /opt/diagnose"));
        Assert.That(lines, Has.Some.EqualTo("ENTRYPOINT [\"diagnose\"]"));
    }

    private static ToolRun Kubectl(params string[] arguments)
    {
        if (!File.Exists("/usr/bin/kubectl") && !File.Exists("/usr/local/bin/kubectl"))
        {
            Assert.Ignore("kubectl is not installed here");
        }

        return ToolRun.Program("kubectl", arguments, Deploy, new Dictionary<string, string?> { ["KUBECONFIG"] = "/dev/null" }, TimeSpan.FromSeconds(60));
    }

    /// <summary>A YAML file as JSON, read by python3's yaml module (the test project has no YAML reader).</summary>
    private static JsonNode Yaml(string path)
    {
        var run = ToolRun.Program("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", path], Deploy, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));
        if (run.ExitCode != 0 && run.Error.Contains("No module named 'yaml'", StringComparison.Ordinal))
        {
            Assert.Ignore("python3 has no yaml module here");
        }

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return JsonNode.Parse(run.Output)!;
    }

    private static Dictionary<string, string> Mounts(JsonNode container) =>
        container["volumeMounts"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["mountPath"]!.GetValue<string>());

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    /// <summary>Every leaf of a JSON tree as "path=value" (array items by position).</summary>
    private static IEnumerable<string> Leaves(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                return o.SelectMany(p => p.Value is null ? [$"{path}.{p.Key}=null"] : Leaves(p.Value, $"{path}.{p.Key}"));
            case JsonArray a:
                return a.SelectMany((item, i) => item is null ? [$"{path}[{i}]=null"] : Leaves(item, $"{path}[{i}]"));
            default:
                return [$"{path}={node.ToJsonString()}"];
        }
    }
}
