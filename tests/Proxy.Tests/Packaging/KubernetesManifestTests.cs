using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Strangler.Contracts;
using Strangler.Facade.Hosting;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;
using YamlDotNet.RepresentationModel;

namespace Proxy.Tests.Packaging;

/// <summary>
/// The Kubernetes manifests in proxy/deploy/kubernetes checked against the code they deploy: the probe
/// paths answer on a real façade, the container port is the one the images are built for, the
/// ConfigMap's manifest with the Secret's values is a configuration the façade's strict reader accepts
/// (so every key and environment variable exists), and every reference between the files resolves.
/// No cluster runs here; what kubectl would check beyond this is not.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "proxy", "deploy", "kubernetes");

    [Fact]
    public void The_kustomization_lists_every_file_and_each_names_a_kind()
    {
        var listed = Sequence(Single("kustomization.yaml"), "resources").Select(node => node.ToString()).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
        Assert.All(present, file => Assert.False(string.IsNullOrEmpty(Scalar(Single(file!), "kind"))));
    }

    [Fact]
    public async Task The_probes_name_health_paths_a_running_facade_answers()
    {
        var container = Container();
        var ready = Scalar(Map(container, "readinessProbe"), "httpGet", "path");
        var live = Scalar(Map(container, "livenessProbe"), "httpGet", "path");
        Assert.Equal(AdminRoutes.Health + "/ready", ready);
        Assert.Equal(AdminRoutes.Health + "/live", live);
        // The probe waits longer than the façade takes to answer when its flag store hangs.
        Assert.True(int.Parse(Scalar(Map(container, "readinessProbe"), "timeoutSeconds"), System.Globalization.CultureInfo.InvariantCulture)
            > FlagStoreHealthCheck.AnswerWithin.TotalSeconds);

        await using var backend = await StandInService.StartAsync("monolith");
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().DefaultCluster("monolith").Cluster("monolith", backend.BaseAddress).NewSqliteStore());
        foreach (var path in new[] { ready, live })
        {
            using var response = await facade.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void The_container_port_is_the_one_the_image_listens_on()
    {
        var container = Container();
        var port = Scalar((YamlMappingNode)Sequence(container, "ports")[0], "containerPort");
        var httpPorts = Environment(container).Single(variable => variable.Name == "ASPNETCORE_HTTP_PORTS").Value;
        var imagePort = XDocument.Load(Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Facade", "Strangler.Facade.csproj"))
            .Descendants("ContainerPort").Single().Attribute("Include")!.Value;

        Assert.Equal(port, httpPorts);
        Assert.Equal(port, imagePort);
    }

    [Fact]
    public void Every_part_has_an_image_name_and_port_for_publishing_as_a_container()
    {
        foreach (var project in new[]
        {
            "proxy/Strangler.Facade/Strangler.Facade.csproj",
            "legacy-monolith/Shop.Host/Shop.Host.csproj",
            "extracted-services/Catalog.Service/Catalog.Service.csproj",
            "extracted-services/Ordering.Service/Ordering.Service.csproj",
        })
        {
            var xml = XDocument.Load(Path.Combine(RepositoryRoot.Path, project));
            Assert.Matches("^strangler-[a-z-]+$", xml.Descendants("ContainerRepository").Single().Value);
            Assert.Equal("8080", xml.Descendants("ContainerPort").Single().Attribute("Include")!.Value);
        }
    }

    [Fact]
    public void The_configmap_and_the_secrets_make_a_configuration_the_facade_accepts()
    {
        var configMap = Single("facade-configmap.yaml");
        var appsettings = Scalar(configMap, "data", "appsettings.json");
        var secret = Map(Single("facade-secret.yaml"), "stringData");
        var container = Container();

        Assert.Equal(Scalar(configMap, "metadata", "name"), Scalar(Map(Single("facade-deployment.yaml"), "spec", "template", "spec"), "volumes", 0, "configMap", "name"));
        Assert.Equal("--contentRoot=" + Scalar((YamlMappingNode)Sequence(container, "volumeMounts")[0], "mountPath"), Sequence(container, "args")[0].ToString());

        var variables = new Dictionary<string, string?>();
        foreach (var (name, value, secretName, secretKey) in Environment(container))
        {
            if (secretKey is not null)
            {
                Assert.Equal(Scalar(Single("facade-secret.yaml"), "metadata", "name"), secretName);
                Assert.True(secret.Children.ContainsKey(secretKey), $"{name} reads the Secret's key '{secretKey}', which facade-secret.yaml does not have.");
                variables[name.Replace("__", ":", StringComparison.Ordinal)] = Scalar(secret, secretKey);
            }
            else if (!name.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            {
                variables[name.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        Assert.All(variables.Keys, key => Assert.StartsWith("Strangler:", key, StringComparison.Ordinal));
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(appsettings));
        var configuration = new ConfigurationBuilder().AddJsonStream(json).AddInMemoryCollection(variables).Build();

        var read = FacadeSettingsCheck.Read(configuration, "/config");

        Assert.True(read.Problems.Count == 0, string.Join('\n', read.Problems));
        Assert.Equal("PostgreSql", read.FlagStore!.Provider.ToString());
        Assert.NotNull(read.Manifest!.Identity.Tokens?.Authority);
        Assert.True(read.Manifest.Identity.CallChain.Enabled);
    }

    [Fact]
    public void Three_replicas_that_the_service_and_the_disruption_budget_select()
    {
        var deployment = Single("facade-deployment.yaml");
        var labels = Map(deployment, "spec", "template", "metadata", "labels");
        var replicas = int.Parse(Scalar(deployment, "spec", "replicas"), System.Globalization.CultureInfo.InvariantCulture);
        var budget = Single("facade-pdb.yaml");

        Assert.True(replicas >= 3);
        Assert.Equal(labels.ToString(), Map(deployment, "spec", "selector", "matchLabels").ToString());
        Assert.Equal(labels.ToString(), Map(Single("facade-service.yaml"), "spec", "selector").ToString());
        Assert.Equal(labels.ToString(), Map(budget, "spec", "selector", "matchLabels").ToString());
        Assert.InRange(int.Parse(Scalar(budget, "spec", "minAvailable"), System.Globalization.CultureInfo.InvariantCulture), 1, replicas - 1);
        Assert.Equal("http", Scalar((YamlMappingNode)Sequence(Container(), "ports")[0], "name"));
        Assert.Equal("http", Scalar((YamlMappingNode)Sequence(Single("facade-service.yaml"), "spec", "ports")[0], "targetPort"));
    }

    private static YamlMappingNode Single(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Container() =>
        (YamlMappingNode)Sequence(Map(Single("facade-deployment.yaml"), "spec", "template", "spec"), "containers")[0];

    private static IEnumerable<(string Name, string? Value, string? SecretName, string? SecretKey)> Environment(YamlMappingNode container) =>
        Sequence(container, "env").Cast<YamlMappingNode>().Select(variable =>
        {
            var from = variable.Children.TryGetValue("valueFrom", out var source) ? Map((YamlMappingNode)source, "secretKeyRef") : null;
            return (Scalar(variable, "name"), variable.Children.TryGetValue("value", out var value) ? value.ToString() : null,
                from is null ? null : Scalar(from, "name"), from is null ? null : Scalar(from, "key"));
        });

    private static YamlNode Walk(YamlNode node, object[] path)
    {
        foreach (var step in path)
        {
            node = step is int index ? ((YamlSequenceNode)node)[index] : ((YamlMappingNode)node)[new YamlScalarNode((string)step)];
        }

        return node;
    }

    private static YamlMappingNode Map(YamlNode node, params object[] path) => (YamlMappingNode)Walk(node, path);

    private static YamlSequenceNode Sequence(YamlNode node, params object[] path) => (YamlSequenceNode)Walk(node, path);

    private static string Scalar(YamlNode node, params object[] path) => ((YamlScalarNode)Walk(node, path)).Value!;
}
