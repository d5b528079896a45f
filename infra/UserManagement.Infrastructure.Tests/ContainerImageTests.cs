using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class ContainerImageTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    [Theory]
    [InlineData("silo", "UserManagement.Silo")]
    [InlineData("gateway", "UserManagement.Gateway")]
    [InlineData("ingest", "UserManagement.Ingest")]
    public void Each_service_starts_its_own_entry_point_of_the_image(string serviceName, string assemblyName)
    {
        var service = serviceName switch
        {
            "silo" => _stack.Stack.Silo,
            "gateway" => _stack.Stack.Gateway!,
            _ => _stack.Stack.Ingest!,
        };

        var command = _stack.ContainerOf(service)["Command"]!.Select(part => (string)part!);

        Assert.Equal(["dotnet", $"/app/{serviceName}/{assemblyName}.dll"], command);
    }

    [Fact]
    public void All_services_run_the_same_image_built_from_the_repository_dockerfile()
    {
        var images = new[] { _stack.Stack.Silo, _stack.Stack.Gateway!, _stack.Stack.Ingest! }
            .Select(service => _stack.ContainerOf(service)["Image"]!.ToString())
            .Distinct()
            .ToList();

        var image = Assert.Single(images);
        Assert.Contains("container-assets", image, StringComparison.Ordinal);

        var dockerImage = Assert.Single(DockerImageAssets(_stack));
        Assert.Equal("Dockerfile", (string?)dockerImage["source"]?["dockerFile"]);
        Assert.Equal("linux/amd64", (string?)dockerImage["source"]?["platform"]);
    }

    [Fact]
    public void Image_build_context_holds_the_sources_but_not_build_output_tests_or_infrastructure()
    {
        var assembly = _stack.App.Synth();
        var dockerImage = Assert.Single(DockerImageAssets(_stack));
        var context = Path.Combine(assembly.Directory, (string)dockerImage["source"]!["directory"]!);

        Assert.True(File.Exists(Path.Combine(context, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(context, "Directory.Packages.props")));
        Assert.True(File.Exists(Path.Combine(context, "src", "Silo", "UserManagement.Silo.csproj")));
        Assert.False(Directory.Exists(Path.Combine(context, "infra")));
        Assert.False(Directory.Exists(Path.Combine(context, "tests")));
        Assert.Empty(Directory.EnumerateDirectories(context, "obj", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateDirectories(context, "bin", SearchOption.AllDirectories));
    }

    private static IEnumerable<JToken> DockerImageAssets(SynthesizedStack stack)
    {
        var assembly = stack.App.Synth();
        var manifestPath = Path.Combine(assembly.Directory, $"{stack.Stack.ArtifactId}.assets.json");
        var manifest = JObject.Parse(File.ReadAllText(manifestPath));
        return ((JObject?)manifest["dockerImages"])?.Properties().Select(image => image.Value) ?? [];
    }

    [Fact]
    public void Image_tag_from_context_runs_a_prebuilt_image_from_ecr()
    {
        var prebuilt = StackSynthesizer.Synthesize(new Dictionary<string, object>
        {
            ["topology"] = "split",
            ["imageRepositoryName"] = "user-management",
            ["imageTag"] = "1.4.2",
        });

        var image = prebuilt.ContainerOf(prebuilt.Stack.Gateway!)["Image"]!.ToString(Newtonsoft.Json.Formatting.None);

        Assert.Contains("/user-management:1.4.2", image, StringComparison.Ordinal);
        Assert.DoesNotContain("container-assets", image, StringComparison.Ordinal);
    }
}
